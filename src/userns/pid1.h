/* The stub init that is PID 1 when the command runs as PID 2 (--as-pid2, the default). */
#pragma once

#include <signal.h>
#include <sys/types.h>

/* Block the forwarded signals (before forking the command, so none is lost) and set
 * handlers so the kernel delivers them to a PID 1 at all. */
void stub_init_prepare(sigset_t *ret_old_mask);
/* In the command's process after fork: undo stub_init_prepare. */
void stub_init_child_reset(const sigset_t *old_mask);
/* Reap every orphan, forward signals to the command, and exit with its status (128+N when a
 * signal killed it). Never returns. */
_Noreturn void stub_init_run(pid_t command);
