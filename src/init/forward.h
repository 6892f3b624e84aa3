/* Which signals PID 1 passes on to the command: shared by the freestanding uspawn-init and the
 * in-process fallback. Synchronous faults and job-control stops are a process's own business.
 * Include after <signal.h> or <asm/signal.h>, whichever the file uses. */
#pragma once

static inline int signal_is_forwarded(int sig)
{
        switch (sig) {
        case SIGKILL:
        case SIGSTOP:
        case SIGCHLD:
        case SIGSEGV:
        case SIGBUS:
        case SIGILL:
        case SIGFPE:
        case SIGTRAP:
        case SIGSYS:
        case SIGTTIN:
        case SIGTTOU:
        case SIGTSTP:
                return 0;
        default:
                return 1;
        }
}
