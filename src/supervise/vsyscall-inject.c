/* Syscall injection through ptrace: save the registers and the signal mask, point the thread at a
 * `syscall` instruction with our arguments, single-step over it, and put everything back. */
#include "supervise/vsyscall-inject.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

/* Steps before giving up on a thread that keeps stopping for other reasons. */
#define MAX_STOPS 16

static int step_over(pid_t tid, unsigned long insn, long *ret_result, bool *ret_held_stop, int *ret_status)
{
        for (int i = 0; i < MAX_STOPS; i++) {
                struct user_regs_struct regs;
                int status;

                if (ptrace(PTRACE_SINGLESTEP, tid, 0, 0) < 0)
                        return -errno;
                while (waitpid(tid, &status, __WALL) < 0)
                        if (errno != EINTR)
                                return -errno;
                if (!WIFSTOPPED(status)) {
                        *ret_status = status;
                        return -ESRCH; /* killed (SIGKILL cannot be blocked): nothing to restore */
                }
                if (WSTOPSIG(status) == SIGSTOP && (unsigned)status >> 16 == 0)
                        *ret_held_stop = true; /* SIGSTOP cannot be blocked: sent again afterwards */
                if (WSTOPSIG(status) != SIGTRAP || (unsigned)status >> 16 != 0)
                        continue; /* an event or a signal-delivery-stop that came first: step again */
                if (ptrace(PTRACE_GETREGS, tid, 0, &regs) < 0)
                        return -errno;
                if (regs.rip == insn + 2) {
                        *ret_result = (long)regs.rax;
                        return 0;
                }
                if (regs.rip != insn)
                        return -EIO; /* somewhere we never sent it: stop before it runs on */
        }
        return -EBUSY;
}

int vsyscall_inject_syscall(pid_t tid, const struct user_regs_struct *regs, unsigned long insn, long nr,
                            const unsigned long args[6], long *ret_result, int *ret_status)
{
        struct user_regs_struct call = *regs;
        uint64_t old_mask, all = ~0ULL;
        bool held_stop = false;
        int r, r2;

        if (ptrace(PTRACE_GETSIGMASK, tid, sizeof old_mask, &old_mask) < 0)
                return -errno;
        /* a pending signal would otherwise be delivered before the syscall instruction runs */
        if (ptrace(PTRACE_SETSIGMASK, tid, sizeof all, &all) < 0)
                return -errno;
        call.rax = (unsigned long)nr;
        call.orig_rax = (unsigned long)-1; /* not in a system call: nothing for the kernel to restart */
        call.rdi = args[0];
        call.rsi = args[1];
        call.rdx = args[2];
        call.r10 = args[3];
        call.r8 = args[4];
        call.r9 = args[5];
        call.rip = insn;
        r = ptrace(PTRACE_SETREGS, tid, 0, &call) < 0 ? -errno
                                                      : step_over(tid, insn, ret_result, &held_stop, ret_status);
        if (r == -ESRCH)
                return r;
        r2 = ptrace(PTRACE_SETREGS, tid, 0, regs) < 0 ? -errno : 0;
        if (ptrace(PTRACE_SETSIGMASK, tid, sizeof old_mask, &old_mask) < 0 && r2 == 0)
                r2 = -errno;
        if (held_stop)
                kill(tid, SIGSTOP); /* a stop signal stops the whole group whichever thread gets it */
        return r < 0 ? r : r2;
}
