/* PID 1's hand-shake with the container's setup (PID 2), shared by the freestanding uspawn-init
 * and the in-process fallback (userns/pid1.c). PID 1 starts first, as soon as the namespaces
 * exist, and waits on its end of a SOCK_SEQPACKET pair while PID 2 builds the root. PID 2 then
 * sends the seccomp policy's BPF program as one message; PID 1 loads it, keeps of its
 * capabilities only CAP_KILL (to pass signals on to a command that changed its ids) and answers
 * PID1_READY. PID 2 executes the command only after that answer, so nothing inside ever sees
 * PID 1 before it runs its final image with its filter. An end of file instead of the program
 * means PID 2 failed; PID 1 then only waits to pass its exit status on. Freestanding: constants
 * only. */
#pragma once

#define PID1_READY 'F'
#define PID1_POLICY_MAX 32768 /* BPF_MAXINSNS instructions of 8 bytes */
#define PID1_KEPT_CAPABILITY 5 /* CAP_KILL */
