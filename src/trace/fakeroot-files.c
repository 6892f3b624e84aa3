/* Fake root in the trace backend, the file side: owners live in the ownership store
 * (fakeroot/ownership.c, a user xattr on each file, shared with the userns root emulation). A
 * file without a record belongs to root when the user owns it, to nobody otherwise, as through
 * a user namespace that maps the user to root. chown records instead of running (the user cannot
 * give files away), chmod keeps a record's mode with the file's, mknod of a device makes a placeholder with its type and number recorded,
 * stat results are rewritten at the exit stop, and what a process with other fs ids than root's
 * creates gets its owner recorded at the exit stop. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <talloc.h>
#include <unistd.h>

#include "fakeroot/chown.h"
#include "fakeroot/ownership.h"
#include "fakeroot/stat-args.h"
#include "fakeroot/tracee.h"
#include "trace/fakeroot.h"
#include "trace/regs.h"
#include "trace/trace.h"
#include "util/log.h"
#include "util/macro.h"
#include "util/missing.h"

static uint32_t map_id(uint32_t id, uint32_t own)
{
        return id == own ? 0 : FAKEROOT_OVERFLOW_ID;
}

/* The record of fd's file, or what its real owner shows as without one. */
static void current_ownership(struct tracer *tr, int fd, const struct stat *st, struct ownership *ret)
{
        if (fd < 0 || ownership_get(fd, st, ret) < 0)
                *ret = (struct ownership){.uid = map_id(st->st_uid, tr->fakeroot->host_uid),
                                          .gid = map_id(st->st_gid, tr->fakeroot->host_gid),
                                          .mode = st->st_mode,
                                          .rdev = st->st_rdev};
        ret->mode = (ret->mode & S_IFMT) | (st->st_mode & 07777);
}

void fakeroot_owner(struct tracer *tr, const char *host, const struct stat *st, uint32_t *ret_uid,
                    uint32_t *ret_gid)
{
        _cleanup_close_ int fd = open(host, O_PATH | O_NOFOLLOW | O_CLOEXEC);
        struct ownership o;

        current_ownership(tr, fd, st, &o);
        *ret_uid = o.uid;
        *ret_gid = o.gid;
}

static void warn_no_xattr(struct tracer *tr, int error)
{
        if (tr->fakeroot->warned_xattr)
                return;
        tr->fakeroot->warned_xattr = true;
        log_warning_errno(error, "Cannot record owners in the container's tree (its file system keeps no user "
                                 "extended attributes: %m); chown and mknod succeed but are not remembered.");
}

/* What the call names: host, the first path's host file (never following: it is resolved
 * already when the call follows), or without one a descriptor of tracee tid (AT_FDCWD: its
 * working directory). */
static int open_target(pid_t tid, const char *host, int fd)
{
        char path[64];

        if (host)
                return RET_NERRNO(open(host, O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (fd == AT_FDCWD)
                snprintf(path, sizeof path, "/proc/%d/cwd", (int)tid);
        else
                snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)tid, fd);
        return RET_NERRNO(open(path, O_PATH | O_CLOEXEC));
}

static int record(struct tracer *tr, int fd, const struct stat *st, const struct ownership *o)
{
        int r;

        if (!ownership_storable(st->st_mode))
                return 0; /* a symlink, FIFO, socket or pty: its owner is not kept */
        r = ownership_set(fd, st, o);
        if (r == -ENOTSUP || r == -EOPNOTSUPP) {
                warn_no_xattr(tr, r);
                return 0;
        }
        return r;
}

/* chown(2) under the model (fakeroot/chown.c has the rules), recorded on the file. Takes fd
 * (closes it). */
static long do_chown(struct tracer *tr, struct tracee *t, int target, uint32_t uid, uint32_t gid)
{
        _cleanup_close_ int fd = target;
        const struct fake_creds *k = t->creds;
        struct ownership o;
        struct stat st;
        int r;

        if (fd < 0)
                return fd;
        if (fstat(fd, &st) < 0)
                return -errno;
        current_ownership(tr, fd, &st, &o);
        r = fake_chown(k, fd, &st, &o, uid, gid);
        if (r <= 0)
                return r;
        return record(tr, fd, &st, &o);
}

/* chmod(2) under the model (fakeroot/chown.c), the record's mode kept with the file's: 0 or
 * -errno, the call's result; 1 when root changes a file without a record, which the kernel does
 * as the call stands. */
static long do_chmod(struct tracer *tr, struct tracee *t, int fd, mode_t mode)
{
        struct ownership o;
        struct stat st;
        bool recorded;

        if (fd < 0)
                return fd;
        if (fstat(fd, &st) < 0)
                return -errno;
        recorded = ownership_get(fd, &st, &o) >= 0;
        if (!recorded && t->creds->euid == 0)
                return 1;
        if (!recorded)
                current_ownership(tr, -EBADF, &st, &o);
        return fake_chmod(t->creds, fd, &st, &o, recorded, mode);
}

/* Answer a chmod with do_chmod's result, or let the kernel run it. */
static int answer_chmod(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs, int fd, mode_t mode)
{
        _cleanup_close_ int f = fd;
        long r = do_chmod(tr, t, f, mode);

        return r == 1 ? 0 : syscall_answer(tr, t, regs, r);
}

/* A device node needs CAP_MKNOD: an empty regular placeholder, its type and number recorded. */
static long make_device(struct tracer *tr, struct tracee *t, mode_t mode, dev_t dev)
{
        mode_t perm = mode & 07777 & ~tracee_umask(t->tid);
        struct ownership o = {.uid = t->creds->fsuid, .gid = t->creds->fsgid, .mode = mode & S_IFMT, .rdev = dev};
        _cleanup_close_ int fd = -EBADF;
        struct stat st;

        if (t->creds->euid != 0)
                return -EPERM;
        if (!t->fr_host)
                return -ENOENT;
        fd = open(t->fr_host, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, perm);
        if (fd < 0)
                return -errno;
        (void)fchmod(fd, perm); /* exactly the caller's umask, not ours */
        if (fstat(fd, &st) < 0)
                return -errno;
        o.mode |= perm;
        (void)record(tr, fd, &st, &o);
        return 0;
}

static bool fs_ids_are_root(const struct tracee *t)
{
        return t->creds->fsuid == 0 && t->creds->fsgid == 0;
}

/* A call that may create its first path: note it for the exit stop when the creator's fs ids
 * are not root's (root's files are the user's own, which show as root's without a record). */
static int note_create(struct tracee *t)
{
        if (fs_ids_are_root(t) || !t->fr_host || faccessat(AT_FDCWD, t->fr_host, F_OK, AT_SYMLINK_NOFOLLOW) == 0 ||
            errno != ENOENT)
                return 0;
        t->fr_exit = FR_CREATED;
        return 1;
}

static void stat_args(struct tracee *t, struct fake_stat_args *a)
{
        __u64 args[6];

        for (int i = 0; i < 6; i++)
                args[i] = *syscall_arg(&t->saved, i);
        fake_stat_args(t->row->nr, args, a);
}

void fakeroot_stat_owners(struct tracer *tr, int fd, struct stat *st, struct statx *stx)
{
        struct ownership o;
        struct stat real;
        bool recorded = fd >= 0 && ownership_present(fd) && fstat(fd, &real) >= 0 && ownership_get(fd, &real, &o) >= 0;

        if (stx) {
                if (!recorded)
                        o = (struct ownership){.uid = map_id(stx->stx_uid, tr->fakeroot->host_uid),
                                               .gid = map_id(stx->stx_gid, tr->fakeroot->host_gid),
                                               .mode = stx->stx_mode,
                                               .rdev = makedev(stx->stx_rdev_major, stx->stx_rdev_minor)};
                ownership_apply_statx(&o, stx);
                return;
        }
        if (!recorded)
                o = (struct ownership){.uid = map_id(st->st_uid, tr->fakeroot->host_uid),
                                       .gid = map_id(st->st_gid, tr->fakeroot->host_gid),
                                       .mode = st->st_mode,
                                       .rdev = st->st_rdev}; /* a real device keeps its numbers */
        ownership_apply_stat(&o, st);
}

/* The stat, ids mapped and the record laid over them, written to the guest's buffer. */
static long put_stat(struct tracer *tr, struct tracee *t, const struct fake_stat_args *a, int fd, struct stat *st,
                     struct statx *stx)
{
        if (a->is_statx) {
                fakeroot_stat_owners(tr, fd, NULL, stx);
                return tracee_poke(t->tid, a->buf, stx, sizeof *stx) < 0 ? -EFAULT : 0;
        }
        fakeroot_stat_owners(tr, fd, st, NULL);
        return tracee_poke(t->tid, a->buf, st, sizeof *st) < 0 ? -EFAULT : 0;
}

/* Stat on the guest's behalf at the seccomp stop, as the kernel would the translated call: one
 * stop instead of two. -1 when this side cannot (then the kernel runs it and the exit stop
 * rewrites), else whether the exit stop is still needed. */
static int stat_now(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs)
{
        struct fake_stat_args a;
        char proc[64];
        const char *path = t->fr_host;
        bool nofollow;
        _cleanup_close_ int fd = -EBADF;
        struct stat st;
        struct statx stx;

        stat_args(t, &a);
        nofollow = path && (a.flags & AT_SYMLINK_NOFOLLOW);
        if (!path) { /* the descriptor itself: its /proc link leads to the file, pipe or socket */
                if (a.dirfd == AT_FDCWD)
                        snprintf(proc, sizeof proc, "/proc/%d/cwd", (int)t->tid);
                else
                        snprintf(proc, sizeof proc, "/proc/%d/fd/%d", (int)t->tid, a.dirfd);
                path = proc;
        }
        fd = open(path, O_PATH | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
        if (fd < 0 && t->fr_host && (errno == ENOENT || errno == ENOTDIR || errno == ELOOP || errno == EACCES))
                return syscall_answer(tr, t, regs, -errno);
        if (fd < 0)
                return -1;
        if (a.is_statx ? statx(fd, "", AT_EMPTY_PATH | (a.flags & AT_STATX_SYNC_TYPE), a.mask, &stx) < 0
                       : fstat(fd, &st) < 0)
                return -1;
        return syscall_answer(tr, t, regs, put_stat(tr, t, &a, fd, &st, &stx));
}

int fakeroot_path_call(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs)
{
        long nr = t->row->nr;
        uint64_t *a[6];

        fakeroot_inherit(tr, NULL, t);
        if (!t->creds)
                return 0;
        for (int i = 0; i < 6; i++)
                a[i] = syscall_arg(&t->saved, i);
        switch (nr) {
        case __NR_stat:
        case __NR_lstat:
        case __NR_newfstatat:
        case __NR_statx:
        {
                int r = stat_now(tr, t, regs);
                if (r >= 0)
                        return r;
                t->fr_exit = FR_STAT;
                return 1;
        }
        case __NR_chown:
        case __NR_lchown:
                return syscall_answer(tr, t, regs, do_chown(tr, t, open_target(t->tid, t->fr_host, AT_FDCWD), (uint32_t)*a[1],
                                                        (uint32_t)*a[2]));
        case __NR_fchownat:
                return syscall_answer(tr, t, regs, do_chown(tr, t, open_target(t->tid, t->fr_host, (int)*a[0]), (uint32_t)*a[2],
                                                        (uint32_t)*a[3]));
        case __NR_chmod:
                return answer_chmod(tr, t, regs, open_target(t->tid, t->fr_host, AT_FDCWD), (mode_t)*a[1]);
        case __NR_fchmodat:
        case __NR_fchmodat2:
                return answer_chmod(tr, t, regs, open_target(t->tid, t->fr_host, (int)*a[0]), (mode_t)*a[2]);
        case __NR_mknod:
        case __NR_mknodat: {
                bool at = nr == __NR_mknodat;
                mode_t mode = (mode_t)*a[at ? 2 : 1];
                if (S_ISCHR(mode) || S_ISBLK(mode))
                        return syscall_answer(tr, t, regs, make_device(tr, t, mode, (dev_t)*a[at ? 3 : 2]));
                return note_create(t);
        }
        case __NR_open:
        case __NR_openat:
                if (!(*a[nr == __NR_openat ? 2 : 1] & O_CREAT))
                        return 0;
                return note_create(t);
        case __NR_creat:
        case __NR_mkdir:
        case __NR_mkdirat:
                return note_create(t);
        }
        return 0;
}

bool fakeroot_fd_call(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs)
{
        if (regs->orig_rax == __NR_fchmod)
                return answer_chmod(tr, t, regs, open_target(t->tid, NULL, (int)*syscall_arg(regs, 0)),
                                    (mode_t)*syscall_arg(regs, 1)) > 0;
        if (regs->orig_rax == __NR_fchown)
                return syscall_answer(tr, t, regs, do_chown(tr, t, open_target(t->tid, NULL, (int)*syscall_arg(regs, 0)),
                                                        (uint32_t)*syscall_arg(regs, 1),
                                                        (uint32_t)*syscall_arg(regs, 2)));
        int r = stat_now(tr, t, regs); /* fstat */
        if (r >= 0)
                return r;
        t->fr_exit = FR_STAT;
        return true;
}

/* The stat buffer the kernel filled: ids mapped, then the record laid over them. */
static void leave_stat(struct tracer *tr, struct tracee *t)
{
        struct fake_stat_args a;
        _cleanup_close_ int fd = -EBADF;
        struct stat st;
        struct statx stx;

        stat_args(t, &a);
        if (a.is_statx ? tracee_peek(t->tid, a.buf, &stx, sizeof stx) < 0 : tracee_peek(t->tid, a.buf, &st, sizeof st) < 0)
                return;
        fd = open_target(t->tid, t->fr_host, a.dirfd);
        (void)put_stat(tr, t, &a, fd, &st, &stx);
}

/* A new file's group: its directory's when that is set-group-ID, else the creator's fsgid. */
static uint32_t new_file_gid(struct tracer *tr, struct tracee *t)
{
        char *dir = talloc_strdup(t->scratch, t->fr_host), *slash = dir ? strrchr(dir, '/') : NULL;
        _cleanup_close_ int fd = -EBADF;
        struct ownership o;
        struct stat st;

        if (slash)
                *(slash == dir ? slash + 1 : slash) = '\0';
        if (slash && (fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC)) >= 0 && fstat(fd, &st) == 0 &&
            (st.st_mode & S_ISGID)) {
                current_ownership(tr, fd, &st, &o);
                return o.gid;
        }
        return t->creds->fsgid;
}

/* A file the call created, owned by the creator's fs ids. */
static void leave_created(struct tracer *tr, struct tracee *t, long result)
{
        long nr = t->row->nr;
        bool opens = nr == __NR_open || nr == __NR_openat || nr == __NR_creat;
        _cleanup_close_ int fd = open_target(t->tid, opens ? NULL : t->fr_host, (int)result);
        struct ownership o;
        struct stat st;

        if (fd < 0 || fstat(fd, &st) < 0)
                return;
        o = (struct ownership){.uid = t->creds->fsuid, .gid = new_file_gid(tr, t), .mode = st.st_mode};
        (void)record(tr, fd, &st, &o);
}

void fakeroot_leave(struct tracer *tr, struct tracee *t, long result)
{
        if (result < 0 || !t->creds || !t->row)
                return;
        if (t->fr_exit == FR_STAT)
                leave_stat(tr, t);
        else if (t->fr_exit == FR_CREATED)
                leave_created(tr, t, result);
}
