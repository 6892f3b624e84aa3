/* Making a stopped tracee run one system call of the tracer's choosing (here: mapping the
 * trampoline page into it), at a `syscall` instruction that is already in its memory. */
#pragma once

#include <sys/types.h>
#include <sys/user.h>

/* tid is in a signal-delivery-stop with registers regs. Run syscall nr(args) at insn, an address
 * holding the bytes 0f 05 in an executable mapping, with every blockable signal blocked meanwhile;
 * then restore regs and the signal mask. The thread is left in a signal-delivery-stop (SIGTRAP),
 * to be resumed with no signal. Returns 0 with the call's result (a -errno for a failed call) in
 * *ret_result; -ESRCH when the thread died, its wait status (reaped here) in *ret_status for the
 * tracer to act on; another -errno when ptrace refused. */
int vsyscall_inject_syscall(pid_t tid, const struct user_regs_struct *regs, unsigned long insn, long nr,
                            const unsigned long args[6], long *ret_result, int *ret_status);
