/* Which way round this kernel reports a seccomp RET_TRACE stop and the syscall-entry stop: before
 * Linux 4.8 the seccomp stop comes first and PTRACE_SYSCALL from it stops at entry next; since 4.8
 * it stops at exit next. Probed once with a child that calls getppid() under such a filter (the
 * feature, not the version number). */
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <linux/seccomp.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace/order.h"
#include "util/macro.h"

static int wait_stop(pid_t pid, int *ret_status)
{
        for (;;) {
                pid_t r = waitpid(pid, ret_status, __WALL);
                if (r == pid)
                        return WIFSTOPPED(*ret_status) ? 0 : -ECHILD;
                if (r < 0 && errno != EINTR)
                        return -errno;
        }
}

int trace_probe_event_order(bool *ret_enter_after_seccomp)
{
        struct user_regs_struct regs;
        int pipefd[2], status, r;
        char c = 0;
        pid_t pid;

        if (pipe2(pipefd, O_CLOEXEC) < 0)
                return -errno;
        pid = fork();
        if (pid < 0) {
                r = -errno;
                close(pipefd[0]);
                close(pipefd[1]);
                return r;
        }
        if (pid == 0) {
                scmp_filter_ctx f = seccomp_init(SCMP_ACT_ALLOW);
                close(pipefd[1]);
                if (read(pipefd[0], &c, 1) != 1 || !f || seccomp_rule_add(f, SCMP_ACT_TRACE(0), SCMP_SYS(getppid), 0) < 0 ||
                    seccomp_attr_set(f, SCMP_FLTATR_CTL_NNP, 1) < 0 || seccomp_load(f) < 0)
                        _exit(1);
                syscall(SYS_getppid);
                _exit(0);
        }
        close(pipefd[0]);
        r = RET_NERRNO(ptrace(PTRACE_SEIZE, pid, NULL, (void *)(long)(PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL |
                                                                      PTRACE_O_TRACESYSGOOD)));
        if (r >= 0 && write(pipefd[1], &c, 1) != 1)
                r = -EPIPE;
        close(pipefd[1]);
        while (r >= 0) {
                r = wait_stop(pid, &status);
                if (r < 0)
                        break;
                if ((unsigned)status >> 8 == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8))) {
                        r = RET_NERRNO(ptrace(PTRACE_SYSCALL, pid, NULL, NULL));
                        if (r >= 0)
                                r = wait_stop(pid, &status);
                        if (r >= 0 && WSTOPSIG(status) != (SIGTRAP | 0x80))
                                r = -EPROTO;
                        if (r >= 0)
                                r = RET_NERRNO(ptrace(PTRACE_GETREGS, pid, NULL, &regs));
                        if (r >= 0)
                                *ret_enter_after_seccomp = (long)regs.rax == -ENOSYS;
                        break;
                }
                r = RET_NERRNO(ptrace(PTRACE_CONT, pid, NULL, NULL));
        }
        kill(pid, SIGKILL);
        while (waitpid(pid, &status, __WALL) < 0 && errno == EINTR)
                ;
        return r < 0 ? r : 0;
}

bool trace_probe_seccomp_filters(void)
{
        /* a NULL program is refused with EFAULT where filters exist, EINVAL where they do not
         * (CONFIG_SECCOMP_FILTER off, or a filter refusing them); nothing is installed */
        return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL) < 0 && errno == EFAULT;
}
