/* The stub init that is PID 1 when the command runs as PID 2 (--as-pid2, the default). */
#pragma once

#include <signal.h>
#include <sys/types.h>

/* Block the forwarded signals before forking the command, so none is lost before PID 1 (the
 * exec'ed uspawn-init, or stub_init_run) waits for them: blocked, a signal to PID 1 is kept
 * even without a handler. */
void stub_init_prepare(sigset_t *ret_old_mask);
/* In the command's process after fork: undo stub_init_prepare. */
void stub_init_child_reset(const sigset_t *old_mask);
/* Reap every orphan, forward signals to the command, and exit with its status (128+N when a
 * signal killed it). Never returns. */
_Noreturn void stub_init_run(pid_t command);

/* Replace this process (PID 1, after forking the command) by the freestanding uspawn-init
 * embedded in uspawn, run from a sealed memfd with env as its environment. Returns only on
 * failure (e.g. vm.memfd_noexec=2), when the caller falls back to stub_init_run(). ready_fd
 * (close-on-exec) is handed to uspawn-init, which writes a byte to it once it runs. */
int stub_init_exec(pid_t command, char **env, int ready_fd);
/* Measure our command line, for stub_init_hide: before the root emulation's filter, which
 * would stop the read of /proc/self/cmdline (it might be a /proc/PID/status). */
void stub_init_measure(void);
/* The fallback's protection: not dumpable, host environment cleared, named uspawn-init. Only
 * once the network helper has joined our namespaces, which needs us dumpable. */
void stub_init_hide(void);
