/* The trace backend's fast path: the notify rows of the syscall table (opens that create
 * nothing, the stat family, access) reach the supervisor as seccomp user notifications, without
 * a ptrace stop. The path is resolved as the tracer's stop would (enter.c, path.c: the guest's
 * cwd and dirfds through /proc, the binds), the supervisor opens or stats the host file itself,
 * and the answer goes back whole: an open's descriptor through SECCOMP_IOCTL_NOTIF_ADDFD (with
 * SECCOMP_ADDFD_FLAG_SEND: installed and answered at once), a stat's struct written into the
 * caller's memory with fake root's owners. Never SECCOMP_USER_NOTIF_FLAG_CONTINUE: the kernel
 * would read the guest's path again, against the host's root. O_PATH opens and creating ones
 * stay with the tracer (the filter sends them there). An open this side cannot do
 * faithfully (a FIFO would block the supervisor, a terminal would become its controlling one) is
 * handed back: the caller is interrupted (PTRACE_INTERRUPT ends its wait with -ERESTARTSYS), its
 * flags get TRACE_HANDOVER_MARKER at the stop, and the restarted call stops for the tracer. */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/pidfd.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <talloc.h>
#include <unistd.h>

#include "host-internal.h"
#include "trace/fakeroot.h"
#include "trace/regs.h"
#include "trace/trace.h"
#include "util/log.h"
#include "util/macro.h"
#include "util/missing.h"

#define ERESTARTSYS 512 /* kernel-internal: an interrupted call the kernel restarts */
#define MEM_MAJOR 1     /* /dev/null, zero, full, random, urandom: opened the same by anyone */

enum outcome {
        NOTE_RETURN,   /* respond with the value */
        NOTE_SENT,     /* ADDFD with SECCOMP_ADDFD_FLAG_SEND answered it */
        NOTE_HANDOVER, /* the tracer will do it: do not respond */
};

struct note {
        struct tracer *tr;
        struct tracee *t;
        const struct seccomp_notif *req;
        struct user_regs_struct regs; /* the arguments, where syscall_arg finds them */
        long val;
};

bool trace_notify_probe(char *why, size_t size)
{
        struct host h = {};
        _cleanup_close_ int pidfd = -EBADF, dup = -EBADF;

        host_probe_seccomp(&h);
        if (!h.seccomp_notify.ok || !h.seccomp_addfd.ok) {
                snprintf(why, size, "%s", h.seccomp_notify.ok ? h.seccomp_addfd.detail : h.seccomp_notify.detail);
                return false;
        }
        /* the listener is made in the child and taken from it with pidfd_getfd */
        pidfd = pidfd_open(getpid(), 0);
        dup = pidfd < 0 ? -EBADF : pidfd_getfd(pidfd, pidfd, 0);
        if (dup < 0) {
                snprintf(why, size, "pidfd_getfd: %s", strerror(errno));
                return false;
        }
        snprintf(why, size, "SECCOMP_RET_USER_NOTIF, ADDFD and pidfd_getfd work");
        return true;
}

int trace_notify_take(pid_t pid, int fd)
{
        _cleanup_close_ int pidfd = pidfd_open(pid, 0);
        int r;

        if (pidfd < 0)
                return -errno;
        r = pidfd_getfd(pidfd, fd, 0);
        return r < 0 ? -errno : r;
}

int trace_notify_init(struct tracer *tr, int listener)
{
        struct seccomp_notif *req;
        struct seccomp_notif_resp *resp;
        int r = seccomp_notify_alloc(&req, &resp);

        if (r < 0) {
                close(listener);
                return r;
        }
        tr->notif_req = req;
        tr->notif_resp = resp;
        tr->listener = listener;
        /* Linux 6.6+: caller and supervisor hand the CPU to each other (EINVAL before) */
        (void)ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP);
        return 0;
}

void trace_notify_done(struct tracer *tr)
{
        tr->listener = safe_close(tr->listener);
        seccomp_notify_free(tr->notif_req, tr->notif_resp);
        tr->notif_req = tr->notif_resp = NULL;
}

static bool still_valid(const struct note *n)
{
        return seccomp_notify_id_valid(n->tr->listener, n->req->id) == 0;
}

static enum outcome answer(struct note *n, long val)
{
        n->val = val;
        return NOTE_RETURN;
}

/* What the call names when it names a descriptor (empty path, AT_EMPTY_PATH): its /proc link. */
static void fd_link(char *buf, size_t size, pid_t tid, int fd)
{
        if (fd == AT_FDCWD)
                snprintf(buf, size, "/proc/%d/cwd", (int)tid);
        else
                snprintf(buf, size, "/proc/%d/fd/%d", (int)tid, fd);
}

/* Install fd as the caller's result. */
static enum outcome send_fd(struct note *n, int fd, int oflags)
{
        struct seccomp_notif_addfd add = {
                .id = n->req->id,
                .flags = n->tr->no_addfd_send ? 0 : SECCOMP_ADDFD_FLAG_SEND,
                .srcfd = (uint32_t)fd,
                .newfd_flags = (oflags & O_CLOEXEC) ? O_CLOEXEC : 0,
        };
        int r = ioctl(n->tr->listener, SECCOMP_IOCTL_NOTIF_ADDFD, &add);

        if (r < 0 && errno == EINVAL && !n->tr->no_addfd_send) { /* before Linux 5.14 */
                n->tr->no_addfd_send = true;
                return send_fd(n, fd, oflags);
        }
        if (r < 0) /* EMFILE: the caller's RLIMIT_NOFILE, as its own open would say */
                return answer(n, -errno);
        return add.flags ? NOTE_SENT : answer(n, r);
}

/* Hand the open back to the tracer (see the top of the file). */
static enum outcome hand_over(struct note *n)
{
        if (ptrace(PTRACE_INTERRUPT, n->t->tid, NULL, NULL) < 0)
                return answer(n, -EINTR);
        n->t->handover = true;
        n->tr->handed_over++;
        return NOTE_HANDOVER;
}

static enum outcome do_open(struct note *n, const char *guest, const char *host)
{
        const struct syscall_row *row = n->t->row;
        uint64_t flags = *syscall_arg(&n->regs, row->open_flags);
        int oflags = (int)flags, r;
        _cleanup_close_ int pfd = -EBADF, fd = -EBADF;
        char proc[64];
        struct stat st;

        if (open_writes(flags) && (r = check_writable(n->tr, guest)) < 0)
                return answer(n, r);
        if (n->tr->fakeroot && !open_writes(flags)) {
                char *status = fakeroot_status(n->tr, n->t, guest);
                if (status)
                        host = status;
        }
        if (oflags & O_PATH)
                return answer(n, -ENOSYS); /* the filter stops O_PATH opens for the tracer */
        /* the file first, without opening it (which may block or have side effects) */
        pfd = open(host, O_PATH | O_CLOEXEC | (follows(&row->arg[0], flags) ? 0 : O_NOFOLLOW) | (oflags & O_DIRECTORY));
        if (pfd < 0 || fstat(pfd, &st) < 0)
                return answer(n, -errno);
        if (S_ISLNK(st.st_mode))
                return answer(n, -ELOOP); /* O_NOFOLLOW */
        if (S_ISSOCK(st.st_mode))
                return answer(n, -ENXIO);
        if (S_ISFIFO(st.st_mode) || (S_ISCHR(st.st_mode) && major(st.st_rdev) != MEM_MAJOR))
                return hand_over(n);
        /* the same inode, opened for real: O_NOFOLLOW was applied above (and would refuse the
         * /proc link); never a controlling terminal for the supervisor */
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", pfd);
        fd = open(proc, (oflags & ~(O_NOFOLLOW | O_CLOEXEC)) | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
                return answer(n, -errno);
        if (!still_valid(n))
                return answer(n, -ESRCH);
        return send_fd(n, fd, oflags);
}

static enum outcome do_stat(struct note *n, const char *host)
{
        long nr = n->req->data.nr;
        const __u64 *a = n->req->data.args;
        int dirfd = AT_FDCWD, flags = 0;
        unsigned mask = 0;
        uint64_t buf;
        char proc[64];
        _cleanup_close_ int fd = -EBADF;
        struct stat st;
        struct statx stx;
        bool is_statx = nr == __NR_statx;

        if (nr == __NR_stat || nr == __NR_lstat) {
                flags = nr == __NR_lstat ? AT_SYMLINK_NOFOLLOW : 0;
                buf = a[1];
        } else if (nr == __NR_newfstatat) {
                dirfd = (int)a[0];
                flags = (int)a[3];
                buf = a[2];
        } else {
                dirfd = (int)a[0];
                flags = (int)a[2];
                mask = (unsigned)a[3];
                buf = a[4];
        }
        if (!host) {
                fd_link(proc, sizeof proc, n->t->tid, dirfd);
                host = proc;
        }
        fd = open(host, O_PATH | O_CLOEXEC | (host != proc && (flags & AT_SYMLINK_NOFOLLOW) ? O_NOFOLLOW : 0));
        if (fd < 0)
                return answer(n, host == proc && errno == ENOENT ? -EBADF : -errno);
        if (is_statx ? statx(fd, "", AT_EMPTY_PATH | (flags & AT_STATX_SYNC_TYPE), mask, &stx) < 0 : fstat(fd, &st) < 0)
                return answer(n, -errno);
        if (n->tr->fakeroot)
                fakeroot_stat_owners(n->tr, fd, is_statx ? NULL : &st, is_statx ? &stx : NULL);
        if (!still_valid(n))
                return answer(n, -ESRCH);
        if (is_statx ? tracee_write(n->t->tid, buf, &stx, sizeof stx) < 0 : tracee_write(n->t->tid, buf, &st, sizeof st) < 0)
                return answer(n, -EFAULT);
        return answer(n, 0);
}

static enum outcome do_access(struct note *n, const char *host)
{
        long nr = n->req->data.nr;
        const __u64 *a = n->req->data.args;
        int mode = (int)a[nr == __NR_access ? 1 : 2], flags = nr == __NR_faccessat2 ? (int)a[3] : 0, r;
        char proc[64];

        if (!host) { /* faccessat2(fd, "", mode, AT_EMPTY_PATH) */
                fd_link(proc, sizeof proc, n->t->tid, (int)a[0]);
                host = proc;
                flags &= ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH);
        }
        r = faccessat(AT_FDCWD, host, mode, flags & (AT_EACCESS | AT_SYMLINK_NOFOLLOW)) < 0 ? -errno : 0;
        if (!still_valid(n))
                return answer(n, -ESRCH);
        return answer(n, r);
}

static enum outcome dispatch(struct note *n)
{
        const struct seccomp_notif *req = n->req;
        const struct syscall_row *row = req->data.arch == AUDIT_ARCH_X86_64 ? syscall_row_find(req->data.nr) : NULL;
        const struct path_arg *a;
        char *guest = NULL, *host = NULL;
        int r;

        if (!row || !row->notify)
                return answer(n, -ENOSYS); /* in the filter but not ours: never pass */
        n->regs.orig_rax = (uint64_t)req->data.nr;
        for (int i = 0; i < 6; i++)
                *syscall_arg(&n->regs, i) = req->data.args[i];
        n->t->row = row;
        if (n->tr->fakeroot)
                fakeroot_inherit(n->tr, NULL, n->t);
        a = &row->arg[0];
        r = resolve_arg(n->tr, n->t, &n->regs, a, a->flags != NO_ARG ? *syscall_arg(&n->regs, a->flags) : 0, 0, &guest,
                        &host, NULL);
        if (r < 0)
                return answer(n, r);
        if (r > 0)
                host = NULL; /* the dirfd itself */
        if (row->open_flags != NO_ARG)
                return do_open(n, guest, host);
        if (row->nr == __NR_access || row->nr == __NR_faccessat || row->nr == __NR_faccessat2)
                return do_access(n, host);
        return do_stat(n, host);
}

int trace_notify_handle(struct tracer *tr)
{
        struct seccomp_notif *req = tr->notif_req;
        struct seccomp_notif_resp *resp = tr->notif_resp;
        struct note n = {.tr = tr, .req = req};
        enum outcome out;
        int r;

        memset(req, 0, sizeof *req);
        if (ioctl(tr->listener, SECCOMP_IOCTL_NOTIF_RECV, req) < 0)
                return errno == EAGAIN || errno == EINTR || errno == ENOENT ? 0 : -errno;
        n.t = tracee_find(tr, (pid_t)req->pid) ?: tracee_add(tr, (pid_t)req->pid);
        if (!n.t)
                return -ENOMEM;
        n.t->scratch = talloc_new(n.t->life);
        out = n.t->scratch ? dispatch(&n) : answer(&n, -ENOMEM);
        TALLOC_FREE(n.t->scratch);
        tr->notified++;
        if (out != NOTE_RETURN)
                return 0;
        memset(resp, 0, sizeof *resp);
        resp->id = req->id;
        if (n.val < 0)
                resp->error = (int32_t)n.val;
        else
                resp->val = n.val;
        r = ioctl(tr->listener, SECCOMP_IOCTL_NOTIF_SEND, resp);
        return r < 0 && errno != ENOENT ? -errno : 0; /* ENOENT: the caller went away */
}

static uint64_t *open_flags(struct user_regs_struct *regs)
{
        const struct syscall_row *row = syscall_row_find((long)regs->orig_rax);

        return row && row->open_flags != NO_ARG ? syscall_arg(regs, row->open_flags) : NULL;
}

bool trace_notify_marked(struct user_regs_struct *regs)
{
        uint64_t *flags = open_flags(regs);

        return flags && (*flags & TRACE_HANDOVER_MARKER);
}

bool trace_notify_unmark(struct tracee *t)
{
        uint64_t *flags = open_flags(&t->saved);

        if (flags)
                *flags &= ~TRACE_HANDOVER_MARKER;
        return true;
}

void trace_notify_handover(struct tracer *tr, struct tracee *t)
{
        struct user_regs_struct regs;
        const struct syscall_row *row;

        (void)tr;
        t->handover = false;
        /* the wait ended with -ERESTARTSYS: resuming restarts the call, which the marker sends to
         * the tracer. Anything else (a signal's handler will run first) is left alone. */
        if (tracee_get_regs(t->tid, &regs) < 0 || (long)regs.rax != -ERESTARTSYS)
                return;
        row = syscall_row_find((long)regs.orig_rax);
        if (!row || row->open_flags == NO_ARG)
                return;
        *syscall_arg(&regs, row->open_flags) |= TRACE_HANDOVER_MARKER;
        (void)tracee_set_regs(t->tid, &regs);
}
