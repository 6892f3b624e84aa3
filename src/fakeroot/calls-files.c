/* File calls. stat family: a file with a record is stat'ed here and the record laid over the
 * result; any other file (most of them), or a path this side cannot resolve faithfully, goes
 * back to the kernel (CONTINUE) — there is no security decision in any of it, the files are
 * the user's own. chown records instead of changing anything (the real owner is the mapped
 * user either way); chmod keeps a record's mode with the file's. Files created by a process whose fs ids are not root's are created here,
 * on its behalf, and recorded; root's creations run in the kernel untouched. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "fakeroot/calls.h"
#include "fakeroot/chown.h"
#include "fakeroot/ownership.h"
#include "fakeroot/stat-args.h"
#include "fakeroot/tracee.h"
#include "util/macro.h"
#include "util/missing.h"

#define ARG(c, i) ((c)->req->data.args[i])

/* Open what (dirfd, path argument, flags) names in the caller; -errno (including -EXDEV:
 * unresolvable from here) tells the handler to let the kernel do the call. */
static int open_target(const struct call *c, int dirfd, uint64_t path_addr, int at_flags)
{
        char path[PATH_MAX] = "";

        if (path_addr && tracee_read_string(c->pid, path_addr, path, sizeof path) < 0)
                return -EFAULT;
        if (path[0] == '\0' && !(at_flags & AT_EMPTY_PATH) && path_addr)
                return -ENOENT;
        return tracee_open_at(c->pid, dirfd, path, at_flags & AT_SYMLINK_NOFOLLOW, 0, 0);
}

enum call_outcome call_stat(struct call *c)
{
        struct fake_stat_args a;
        struct ownership o;
        struct stat st;
        _cleanup_close_ int fd = -EBADF;

        fake_stat_args(c->req->data.nr, c->req->data.args, &a);
        fd = open_target(c, a.dirfd, a.path, a.flags);
        /* most files have no record: one getxattr tells, before any stat */
        if (fd < 0 || !ownership_present(fd) || fstat(fd, &st) < 0 || ownership_get(fd, &st, &o) < 0)
                return CALL_CONTINUE;
        if (a.is_statx) {
                struct statx stx;
                if (statx(fd, "", AT_EMPTY_PATH | (a.flags & AT_STATX_SYNC_TYPE), a.mask, &stx) < 0)
                        return CALL_CONTINUE;
                ownership_apply_statx(&o, &stx);
                if (!call_still_valid(c))
                        return call_return(c, -ESRCH);
                return call_return(c, tracee_write(c->pid, a.buf, &stx, sizeof stx) < 0 ? -EFAULT : 0);
        }
        ownership_apply_stat(&o, &st);
        if (!call_still_valid(c))
                return call_return(c, -ESRCH);
        return call_return(c, tracee_write(c->pid, a.buf, &st, sizeof st) < 0 ? -EFAULT : 0);
}

/* The record of fd's file, or what the file is without one (root's). */
static void current_ownership(int fd, const struct stat *st, struct ownership *ret)
{
        if (ownership_get(fd, st, ret) < 0)
                *ret = (struct ownership){.mode = st->st_mode, .rdev = st->st_rdev};
        ret->mode = (ret->mode & S_IFMT) | (st->st_mode & 07777);
}

/* chown(2): root may give a file to anyone; its owner may only change its group to one of
 * its own. Setting the ids clears set-user-ID and (group-executable) set-group-ID bits, as
 * Linux does for root too. */
static int record_chown(const struct call *c, int fd, uint32_t uid, uint32_t gid)
{
        const struct fake_creds *k = &c->proc->creds;
        struct ownership o;
        struct stat st;
        int r;

        if (fstat(fd, &st) < 0)
                return -errno;
        current_ownership(fd, &st, &o);
        r = fake_chown(k, fd, &st, &o, uid, gid);
        if (r <= 0 || !ownership_storable(st.st_mode))
                return r < 0 ? r : 0; /* a symlink, FIFO, socket or pty: its owner is not kept */
        r = ownership_set(fd, &st, &o);
        if (r == -ENOTSUP || r == -EOPNOTSUPP) {
                fakeroot_warn_no_xattr(c->server, r);
                return 0;
        }
        return r;
}

enum call_outcome call_chown(struct call *c)
{
        _cleanup_close_ int fd = -EBADF;
        int dirfd = AT_FDCWD, flags = 0, first_id = 1;
        uint64_t path = ARG(c, 0);

        switch (c->req->data.nr) {
        case SYS_lchown:
                flags = AT_SYMLINK_NOFOLLOW;
                break;
        case SYS_fchown:
                dirfd = (int)ARG(c, 0);
                path = 0;
                flags = AT_EMPTY_PATH;
                break;
        case SYS_fchownat:
                dirfd = (int)ARG(c, 0);
                path = ARG(c, 1);
                flags = (int)ARG(c, 4);
                first_id = 2;
                break;
        }
        fd = open_target(c, dirfd, path, flags);
        if (fd == -EXDEV)
                return CALL_CONTINUE;
        if (fd < 0)
                return call_return(c, fd);
        if (!call_still_valid(c))
                return call_return(c, -ESRCH);
        return call_return(c, record_chown(c, fd, (uint32_t)ARG(c, first_id), (uint32_t)ARG(c, first_id + 1)));
}

/* chmod, fchmod, fchmodat, fchmodat2: under the model's rules (fakeroot/chown.c), and the
 * record's mode kept with the file's. A file without a record is root's: root's own chmod of it
 * runs in the kernel. */
enum call_outcome call_chmod(struct call *c)
{
        int nr = c->req->data.nr, dirfd = AT_FDCWD, flags = 0, r;
        uint64_t path = ARG(c, 0);
        mode_t mode = (mode_t)ARG(c, nr == SYS_chmod || nr == SYS_fchmod ? 1 : 2);
        _cleanup_close_ int fd = -EBADF;
        struct ownership o;
        struct stat st;
        bool recorded;

        if (nr != SYS_chmod) {
                dirfd = (int)ARG(c, 0);
                path = nr == SYS_fchmod ? 0 : ARG(c, 1);
                flags = nr == SYS_fchmod ? AT_EMPTY_PATH : nr == __NR_fchmodat2 ? (int)ARG(c, 3) : 0;
        }
        fd = open_target(c, dirfd, path, flags);
        if (fd == -EXDEV)
                return CALL_CONTINUE;
        if (fd < 0)
                return call_return(c, fd);
        if (fstat(fd, &st) < 0)
                return CALL_CONTINUE;
        r = ownership_get(fd, &st, &o);
        recorded = r >= 0;
        if (!recorded && c->proc->creds.euid == 0)
                return CALL_CONTINUE;
        if (!recorded)
                o = (struct ownership){.mode = st.st_mode, .rdev = st.st_rdev};
        if (!call_still_valid(c))
                return call_return(c, -ESRCH);
        return call_return(c, fake_chmod(&c->proc->creds, fd, &st, &o, recorded, mode));
}

/* A new file's group: the directory's when it is set-group-ID, else the creator's fsgid. */
static uint32_t new_file_gid(const struct call *c, int dirfd)
{
        struct stat st;
        struct ownership o;

        if (dirfd >= 0 && fstat(dirfd, &st) == 0 && (st.st_mode & S_ISGID)) {
                current_ownership(dirfd, &st, &o);
                return o.gid;
        }
        return c->proc->creds.fsgid;
}

static int record_new(const struct call *c, int fd, int parentfd, mode_t type, dev_t rdev)
{
        struct stat st;
        struct ownership o;
        int r;

        if (fstat(fd, &st) < 0)
                return -errno;
        o = (struct ownership){.uid = c->proc->creds.fsuid,
                               .gid = new_file_gid(c, parentfd),
                               .mode = (type ? type : st.st_mode & S_IFMT) | (st.st_mode & 07777),
                               .rdev = rdev};
        if (!ownership_storable(st.st_mode))
                return 0; /* FIFOs and sockets: their owner is not kept */
        r = ownership_set(fd, &st, &o);
        if (r == -ENOTSUP || r == -EOPNOTSUPP) {
                fakeroot_warn_no_xattr(c->server, r);
                return 0;
        }
        return r;
}

/* fchmod that also works on O_PATH descriptors (a FIFO is opened so, never for reading). */
static void chmod_fd(int fd, mode_t mode)
{
        char path[32];

        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        (void)chmod(path, mode);
}

static bool fs_ids_are_root(const struct call *c)
{
        return c->proc->creds.fsuid == 0 && c->proc->creds.fsgid == 0;
}

/* mknod: device nodes need CAP_MKNOD, which no user namespace grants: make a regular
 * placeholder (empty, so reading it gives nothing) and record type and device number.
 * FIFOs, sockets and regular files are real, recorded when the creator is not root. */
enum call_outcome call_mknod(struct call *c)
{
        bool at = c->req->data.nr == SYS_mknodat;
        int dirfd = at ? (int)ARG(c, 0) : AT_FDCWD;
        mode_t mode = (mode_t)ARG(c, at ? 2 : 1), type = mode & S_IFMT, perm;
        dev_t dev = (dev_t)ARG(c, at ? 3 : 2);
        char path[PATH_MAX];
        const char *name;
        _cleanup_close_ int parent = -EBADF, fd = -EBADF;
        bool device = S_ISCHR(type) || S_ISBLK(type);

        if (!device && fs_ids_are_root(c))
                return CALL_CONTINUE;
        if (device && c->proc->creds.euid != 0)
                return call_return(c, -EPERM);
        if (tracee_read_string(c->pid, ARG(c, at ? 1 : 0), path, sizeof path) < 0)
                return call_return(c, -EFAULT);
        parent = tracee_open_parent(c->pid, dirfd, path, &name);
        if (parent == -EXDEV)
                return CALL_CONTINUE;
        if (parent < 0)
                return call_return(c, parent);
        perm = mode & 07777 & ~tracee_umask(c->pid);
        if (!call_still_valid(c))
                return call_return(c, -ESRCH);
        if (device || type == 0 || S_ISREG(type)) {
                fd = openat(parent, name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, perm);
                if (fd < 0)
                        return call_return(c, -errno);
        } else {
                if (mknodat(parent, name, type | perm, 0) < 0)
                        return call_return(c, -errno);
                fd = openat(parent, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
                if (fd < 0)
                        return call_return(c, -errno);
        }
        chmod_fd(fd, perm); /* exactly the caller's umask, not ours */
        (void)record_new(c, fd, parent, device ? type : 0, device ? dev : 0);
        return call_return(c, 0);
}

/* open(O_CREAT), openat(O_CREAT), creat by a process with non-root fs ids: create the file
 * here (O_EXCL tells whether it is new), record it, and install the descriptor in the caller
 * as the call's result. A file that exists already is opened by the kernel as usual. */
enum call_outcome call_create(struct call *c)
{
        int nr = c->req->data.nr, dirfd = nr == SYS_openat ? (int)ARG(c, 0) : AT_FDCWD;
        uint64_t path_addr = nr == SYS_openat ? ARG(c, 1) : ARG(c, 0);
        int flags = nr == SYS_creat ? O_CREAT | O_WRONLY | O_TRUNC : (int)ARG(c, nr == SYS_openat ? 2 : 1);
        mode_t mode = (mode_t)ARG(c, nr == SYS_openat ? 3 : nr == SYS_creat ? 1 : 2) & 07777;
        char path[PATH_MAX];
        const char *name;
        _cleanup_close_ int parent = -EBADF, fd = -EBADF;

        if (fs_ids_are_root(c) || !(flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
                return CALL_CONTINUE;
        if (tracee_read_string(c->pid, path_addr, path, sizeof path) < 0)
                return CALL_CONTINUE;
        parent = tracee_open_parent(c->pid, dirfd, path, &name);
        if (parent < 0)
                return CALL_CONTINUE;
        mode &= ~tracee_umask(c->pid);
        if (!call_still_valid(c))
                return call_return(c, -ESRCH);
        fd = openat(parent, name, (flags & ~O_CLOEXEC) | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd < 0)
                return CALL_CONTINUE; /* there already, a symlink, or an error the kernel will tell */
        fchmod(fd, mode);
        (void)record_new(c, fd, parent, 0, 0);
        struct seccomp_notif_addfd add = {
                .id = c->req->id,
                .flags = SECCOMP_ADDFD_FLAG_SEND,
                .srcfd = (uint32_t)fd,
                .newfd_flags = (flags & O_CLOEXEC) ? O_CLOEXEC : 0,
        };
        if (ioctl(c->listener, SECCOMP_IOCTL_NOTIF_ADDFD, &add) < 0) {
                unlinkat(parent, name, 0);
                return call_return(c, -errno);
        }
        return CALL_SENT;
}

enum call_outcome call_mkdir(struct call *c)
{
        bool at = c->req->data.nr == SYS_mkdirat;
        int dirfd = at ? (int)ARG(c, 0) : AT_FDCWD;
        mode_t mode = (mode_t)ARG(c, at ? 2 : 1) & 07777;
        char path[PATH_MAX];
        const char *name;
        _cleanup_close_ int parent = -EBADF, fd = -EBADF;

        if (fs_ids_are_root(c))
                return CALL_CONTINUE;
        if (tracee_read_string(c->pid, ARG(c, at ? 1 : 0), path, sizeof path) < 0)
                return CALL_CONTINUE;
        parent = tracee_open_parent(c->pid, dirfd, path, &name);
        if (parent < 0)
                return CALL_CONTINUE;
        mode &= ~tracee_umask(c->pid);
        if (!call_still_valid(c))
                return call_return(c, -ESRCH);
        if (mkdirat(parent, name, mode) < 0)
                return call_return(c, -errno);
        fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) {
                fchmod(fd, mode);
                (void)record_new(c, fd, parent, 0, 0);
        }
        return call_return(c, 0);
}

/* execve: a set-user-ID (set-group-ID) file makes its recorded owner (group) the effective
 * id, as it would for a real root. The model changes before the kernel runs the exec; a
 * failing exec leaves it changed (rare: the file was just found executable). */
enum call_outcome call_exec(struct call *c)
{
        bool at = c->req->data.nr == SYS_execveat;
        int flags = at ? (int)ARG(c, 4) : 0;
        _cleanup_close_ int fd = open_target(c, at ? (int)ARG(c, 0) : AT_FDCWD, ARG(c, at ? 1 : 0), flags);
        struct ownership o;
        struct stat st;

        if (fd < 0 || fstat(fd, &st) < 0)
                return CALL_CONTINUE;
        current_ownership(fd, &st, &o);
        fake_creds_exec(&c->proc->creds, st.st_mode, o.uid, o.gid);
        return CALL_CONTINUE;
}
