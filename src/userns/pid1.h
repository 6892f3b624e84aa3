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

/* Replace this process (PID 1, after forking PID 2) by the freestanding uspawn-init embedded
 * in uspawn, run from a sealed memfd with env as its environment. Returns only on failure (e.g.
 * vm.memfd_noexec=2), when the caller falls back to stub_init_handshake() and stub_init_run().
 * handshake_fd (close-on-exec) is handed to uspawn-init for its part of the hand-shake
 * (init/handshake.h). */
int stub_init_exec(pid_t command, char **env, int handshake_fd);
/* The in-process stub's part of the hand-shake on fd (closed): load the policy, give up every
 * capability but CAP_KILL, hide (stub_init_hide), answer. On a failure it does not answer, and
 * PID 2 stops with the error (pid1_wait_ready). */
void stub_init_handshake(int fd);
/* The fallback's protection: not dumpable, host environment cleared, named uspawn-init. Only
 * once the network helper has joined our namespaces, which needs us dumpable. */
void stub_init_hide(void);

/* PID 2's part: hand PID 1 the policy's BPF program (before loading its own filter, so both
 * load at once), then, just before executing the command, wait for PID 1's answer. */
int pid1_hand_policy(int fd, const void *policy, size_t len);
int pid1_wait_ready(int fd);
