/* A minimal init, like nspawn's stub and tini: PID 1 of the namespace must reap orphans (or
 * zombies pile up) and must forward signals (the kernel drops signals to PID 1 that have no
 * handler, so "kill -TERM" of the container would do nothing to the command). */
#include "userns/pid1.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/macro.h"

/* Synchronous faults and job-control stops are the process's own business, never forwarded. */
static bool forwardable(int sig)
{
        switch (sig) {
        case SIGKILL: case SIGSTOP: case SIGCHLD: case SIGSEGV: case SIGBUS: case SIGILL:
        case SIGFPE: case SIGTRAP: case SIGSYS: case SIGTTIN: case SIGTTOU: case SIGTSTP:
                return false;
        default:
                return true;
        }
}

static void noop_handler(int sig) { (void)sig; }

static void forwarded_set(sigset_t *set)
{
        sigemptyset(set);
        for (int sig = 1; sig <= SIGRTMAX; sig++)
                if (forwardable(sig) && (sig < 32 || sig >= SIGRTMIN))
                        sigaddset(set, sig);
        sigaddset(set, SIGCHLD);
}

void stub_init_prepare(sigset_t *ret_old_mask)
{
        struct sigaction sa = { .sa_handler = noop_handler };
        sigset_t set;

        forwarded_set(&set);
        sigprocmask(SIG_BLOCK, &set, ret_old_mask);
        for (int sig = 1; sig <= SIGRTMAX; sig++)
                if (sigismember(&set, sig))
                        sigaction(sig, &sa, NULL);
}

void stub_init_child_reset(const sigset_t *old_mask)
{
        struct sigaction sa = { .sa_handler = SIG_DFL };

        for (int sig = 1; sig <= SIGRTMAX; sig++)
                sigaction(sig, &sa, NULL);
        sigprocmask(SIG_SETMASK, old_mask, NULL);
}

static int exit_code(int status)
{
        if (WIFEXITED(status))
                return WEXITSTATUS(status);
        return 128 + WTERMSIG(status);
}

/* Reap everything that has exited; return true (and the code) once the command has. */
static bool reap(pid_t command, int *ret_code)
{
        bool done = false;
        int status;
        pid_t pid;

        while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
                if (pid == command) {
                        *ret_code = exit_code(status);
                        done = true;
                }
        return done;
}

_Noreturn void stub_init_run(pid_t command)
{
        sigset_t set;
        int code = 1;

        forwarded_set(&set);
        for (;;) {
                siginfo_t si;
                int sig = sigwaitinfo(&set, &si);

                if (sig < 0)
                        continue;
                if (sig == SIGCHLD) {
                        if (reap(command, &code))
                                _exit(code); /* the kernel then kills what is left in the namespace */
                        continue;
                }
                kill(command, sig);
        }
}
