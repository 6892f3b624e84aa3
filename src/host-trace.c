/* Probes for what the trace backend stands on: seccomp user notification (with one honest
 * round-trip through SECCOMP_IOCTL_NOTIF_ADDFD) and ptrace of our own child. */
#include <fcntl.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include "host-internal.h"
#include "util/fdpass.h"
#include "util/missing.h"

#define PROBE_TIMEOUT_MS 5000

struct notify_hello {
        int r;      /* 0, or -errno from building/loading the filter */
        bool addfd; /* second message: the fd the supervisor added is /dev/null */
};

static void reap(pid_t pid)
{
        while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR)
                ;
}

/* One hello and the descriptor it carries, or -EPIPE when the other side ended first. */
static int recv_hello(int sock, struct notify_hello *ret_hello, int *ret_fd)
{
        ssize_t k = fd_recv(sock, ret_hello, sizeof *ret_hello, ret_fd);

        if (k >= 0 && k != (ssize_t)sizeof *ret_hello) {
                *ret_fd = safe_close(*ret_fd);
                return -EPIPE;
        }
        return k < 0 ? (int)k : 0;
}

/* The child: install a filter that notifies on getppid(), hand the listener to the parent, call
 * getppid() and check that the fd number it returns is the /dev/null the parent added. */
_noreturn_ static void notify_child(int sock)
{
        struct notify_hello hello = {};
        scmp_filter_ctx ctx;
        struct stat st;
        int fd = -EBADF;
        long nfd;

        ctx = seccomp_init(SCMP_ACT_ALLOW);
        if (!ctx)
                hello.r = -ENOMEM;
        if (hello.r >= 0)
                hello.r = RET_NERRNO(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
        if (hello.r >= 0)
                hello.r = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, SCMP_SYS(getppid), 0);
        if (hello.r >= 0)
                hello.r = seccomp_load(ctx);
        if (hello.r >= 0)
                hello.r = fd = seccomp_notify_fd(ctx);
        (void)fd_send(sock, &hello, sizeof hello, fd);
        safe_close(fd);
        seccomp_release(ctx);
        if (hello.r < 0)
                _exit(1);

        nfd = syscall(SYS_getppid); /* answered by the parent, with the fd it added */
        hello.addfd = nfd >= 0 && fstat((int)nfd, &st) >= 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3);
        (void)fd_send(sock, &hello, sizeof hello, -EBADF);
        _exit(0);
}

/* The supervisor's half: receive one notification, ADDFD /dev/null, answer with its number.
 * Returns 0 once a notification was received and answered, or -errno; *ret_addfd is the ADDFD
 * result (the fd number in the child, or -errno). */
static int notify_answer(int listener, int *ret_addfd)
{
        struct seccomp_notif *req = NULL;
        struct seccomp_notif_resp *resp = NULL;
        struct seccomp_notif_addfd addfd = {};
        struct pollfd pfd = {.fd = listener, .events = POLLIN};
        _cleanup_close_ int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
        int r;

        *ret_addfd = -ECANCELED;
        if (devnull < 0)
                return -errno;
        r = poll(&pfd, 1, PROBE_TIMEOUT_MS);
        if (r <= 0)
                return r < 0 ? -errno : -ETIMEDOUT;
        r = seccomp_notify_alloc(&req, &resp);
        if (r < 0)
                return r;
        r = seccomp_notify_receive(listener, req);
        if (r >= 0) {
                addfd = (struct seccomp_notif_addfd){.id = req->id, .srcfd = devnull, .newfd_flags = O_CLOEXEC};
                *ret_addfd = RET_NERRNO(ioctl(listener, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd));
                *resp = (struct seccomp_notif_resp){.id = req->id,
                                                    .val = *ret_addfd >= 0 ? *ret_addfd : -1,
                                                    .error = *ret_addfd >= 0 ? 0 : -ENOSYS};
                r = seccomp_notify_respond(listener, resp);
        }
        seccomp_notify_free(req, resp);
        return r;
}

void host_probe_seccomp(struct host *h)
{
        struct notify_hello hello = {}, verdict = {};
        _cleanup_close_ int listener = -EBADF, extra = -EBADF;
        int sv[2], r, rn = -ECANCELED, ra = -ECANCELED;
        unsigned api = seccomp_api_get();
        pid_t pid;

        host_feature_set(&h->seccomp_addfd, false, "not tested: no seccomp user notification");
        if (api < 5) {
                host_feature_set(&h->seccomp_notify, false,
                                 "libseccomp API level %u (< 5): seccomp() or "
                                 "SECCOMP_RET_USER_NOTIF unavailable; the trace backend's calls "
                                 "all stop the tracer",
                                 api);
                return;
        }
        if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
                return host_feature_set(&h->seccomp_notify, false, "cannot run the probe: %m");
        pid = fork();
        if (pid < 0) {
                r = -errno;
                close(sv[0]);
                close(sv[1]);
                return host_feature_set(&h->seccomp_notify, false, "cannot run the probe: %s", strerror(-r));
        }
        if (pid == 0) {
                close(sv[0]);
                notify_child(sv[1]);
        }
        close(sv[1]);

        r = recv_hello(sv[0], &hello, &listener);
        if (r >= 0)
                r = hello.r;
        if (r >= 0 && listener < 0)
                r = -EBADF;
        if (r >= 0) {
                rn = notify_answer(listener, &ra);
                listener = safe_close(listener); /* unblocks the child if we could not answer */
                if (recv_hello(sv[0], &verdict, &extra) < 0)
                        verdict.addfd = false;
        }
        close(sv[0]);
        if (r < 0 || rn < 0 || ra < 0 || !verdict.addfd)
                kill(pid, SIGKILL);
        reap(pid);

        if (r < 0)
                return host_feature_set(&h->seccomp_notify, false,
                                        "a SECCOMP_RET_USER_NOTIF filter was refused (%s); the "
                                        "trace backend's calls all stop the tracer",
                                        strerror(-r));
        if (rn == -ETIMEDOUT)
                host_feature_set(&h->seccomp_notify, false, "the filter loaded but no notification arrived in %d ms",
                                 PROBE_TIMEOUT_MS);
        else if (rn < 0 && ra == -ECANCELED)
                host_feature_set(&h->seccomp_notify, false,
                                 "the filter loaded but receiving its notification failed: %s", strerror(-rn));
        else
                host_feature_set(&h->seccomp_notify, true,
                                 "SECCOMP_RET_USER_NOTIF works; "
                                 "libseccomp API level %u",
                                 api);

        if (ra >= 0 && verdict.addfd)
                host_feature_set(&h->seccomp_addfd, true,
                                 "SECCOMP_IOCTL_NOTIF_ADDFD put an fd into the notifying process");
        else if (ra == -EINVAL || ra == -ENOTTY)
                host_feature_set(&h->seccomp_addfd, false,
                                 "the kernel lacks SECCOMP_IOCTL_NOTIF_ADDFD (%s); opens are "
                                 "emulated with ptrace instead",
                                 strerror(-ra));
        else if (ra >= 0)
                host_feature_set(&h->seccomp_addfd, false,
                                 "ADDFD returned fd %d but the process did not receive /dev/null", ra);
        else if (ra != -ECANCELED)
                host_feature_set(&h->seccomp_addfd, false, "ADDFD failed: %s", strerror(-ra));
}

/* ---- ptrace ----------------------------------------------------------------------------- */

static void explain_ptrace_refusal(struct host_feature *f, int r)
{
        long scope;

        if (r == -EPERM && host_read_sysctl_long("/proc/sys/kernel/yama/ptrace_scope", &scope) >= 0 && scope >= 2)
                return host_feature_set(f, false,
                                        scope == 2 ? "refused by Yama (kernel.yama.ptrace_scope=2: "
                                                     "CAP_SYS_PTRACE only; sysctl -w "
                                                     "kernel.yama.ptrace_scope=1)"
                                                   : "refused by Yama (kernel.yama.ptrace_scope=%ld: "
                                                     "no ptrace until reboot)",
                                        scope);
        if (r == -EPERM && host_seccomp_mode() > 0)
                return host_feature_set(f, false,
                                        "refused by a seccomp filter (e.g. Docker's "
                                        "default profile); no trace backend here");
        host_feature_set(f, false, "PTRACE_SEIZE of a child failed: %s", strerror(-r));
}

void host_probe_ptrace(struct host *h)
{
        int p[2], status, r;
        pid_t pid;
        char c;

        if (pipe2(p, O_CLOEXEC) < 0)
                return host_feature_set(&h->ptrace, false, "cannot run the probe: %m");
        pid = fork();
        if (pid < 0) {
                r = -errno;
                close(p[0]);
                close(p[1]);
                return host_feature_set(&h->ptrace, false, "cannot run the probe: %s", strerror(-r));
        }
        if (pid == 0) {
                close(p[1]);
                while (read(p[0], &c, 1) < 0 && errno == EINTR)
                        ;
                _exit(0);
        }
        close(p[0]);

        r = RET_NERRNO(ptrace(PTRACE_SEIZE, pid, 0, 0));
        if (r >= 0) {
                /* Stop it once and let it go: the trace backend needs both. */
                r = RET_NERRNO(ptrace(PTRACE_INTERRUPT, pid, 0, 0));
                if (r >= 0)
                        r = RET_NERRNO(waitpid(pid, &status, __WALL));
                if (r >= 0 && !WIFSTOPPED(status))
                        r = -ECHILD;
                if (r >= 0)
                        r = RET_NERRNO(ptrace(PTRACE_DETACH, pid, 0, 0));
                if (r < 0)
                        kill(pid, SIGKILL);
        }
        close(p[1]);
        reap(pid);

        if (r < 0)
                return explain_ptrace_refusal(&h->ptrace, r);
        host_feature_set(&h->ptrace, true, "PTRACE_SEIZE, interrupt and detach of a child work");
}
