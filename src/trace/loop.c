/* The tracer loop: one waitpid for every tracee, one branch per kind of stop. Fast path: a seccomp
 * stop whose call needs nothing at exit is resumed with PTRACE_CONT; only a call whose registers
 * must be put back or whose result is rewritten is resumed with PTRACE_SYSCALL. Both event orders
 * are handled: before Linux 4.8 the entry stop follows the seccomp stop (order.c probes which). */
#include <errno.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <talloc.h>

#include "trace/trace.h"
#include "util/log.h"
#include "util/macro.h"

static void resume(struct tracee *t, int sig)
{
        enum __ptrace_request req = t->state == TRACEE_RUNNING ? PTRACE_CONT : PTRACE_SYSCALL;

        TALLOC_FREE(t->scratch);
        (void)ptrace(req, t->tid, NULL, (void *)(long)sig); /* ESRCH: killed meanwhile */
}

static void on_seccomp(struct tracer *tr, struct tracee *t)
{
        struct user_regs_struct regs;

        if (tracee_get_regs(t->tid, &regs) < 0)
                return resume(t, 0);
        if (!syscall_enter(tr, t, &regs))
                t->state = TRACEE_RUNNING;
        else
                t->state = tr->enter_stop_after_seccomp ? TRACEE_AWAIT_ENTER : TRACEE_AWAIT_EXIT;
        resume(t, 0);
}

static void on_syscall_stop(struct tracer *tr, struct tracee *t)
{
        struct user_regs_struct regs;

        if (t->state == TRACEE_AWAIT_ENTER)
                t->state = TRACEE_AWAIT_EXIT;
        else if (t->state == TRACEE_AWAIT_EXIT) {
                if (tracee_get_regs(t->tid, &regs) >= 0)
                        syscall_leave(tr, t, &regs);
                t->state = TRACEE_RUNNING;
        }
        resume(t, 0);
}

/* A new process or thread: it inherits what the guest sees as its program. */
static void on_clone(struct tracer *tr, struct tracee *t)
{
        unsigned long msg = 0;
        struct tracee *child;

        if (ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &msg) >= 0) {
                child = tracee_find(tr, (pid_t)msg) ?: tracee_add(tr, (pid_t)msg);
                if (child && t->exe && !child->exe)
                        child->exe = talloc_strdup(child->life, t->exe);
                if (child && tr->fakeroot) {
                        fakeroot_inherit(tr, t, child); /* credentials are copied at clone */
                        if (child->held) {
                                child->held = false;
                                resume(child, 0);
                        }
                }
        }
        resume(t, 0);
}

/* A thread other than the leader executed: the kernel gave it the leader's id. */
static void on_exec(struct tracer *tr, struct tracee *t)
{
        unsigned long former = 0;

        if (ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &former) >= 0 && (pid_t)former != t->tid) {
                struct tracee *old = tracee_find(tr, (pid_t)former);
                if (old) {
                        t->state = old->state;
                        t->row = old->row;
                        t->saved = old->saved;
                        t->deny = old->deny;
                        talloc_free(t->exec_exe);
                        talloc_free(t->exec_fn);
                        t->exec_exe = talloc_steal(t->life, old->exec_exe);
                        t->exec_fn = talloc_steal(t->life, old->exec_fn);
                        old->exec_exe = old->exec_fn = NULL;
                        if (old->creds) { /* the thread that executed keeps its own */
                                talloc_free(t->creds);
                                t->creds = talloc_steal(t->life, old->creds);
                                old->creds = NULL;
                        }
                        talloc_free(t->exec_creds);
                        t->exec_creds = talloc_steal(t->life, old->exec_creds);
                        old->exec_creds = NULL;
                        tracee_remove(tr, old);
                }
        }
        t->tgid = t->tid;
        if (t->exec_creds) { /* a set-user-ID program: its owner is the effective id now */
                talloc_free(t->creds);
                t->creds = t->exec_creds;
                t->exec_creds = NULL;
        }
        exec_event(tr, t);
        resume(t, 0);
}

static void on_stop(struct tracer *tr, struct tracee *t, int status)
{
        int sig = WSTOPSIG(status), event = (unsigned)status >> 16;

        t->scratch = talloc_new(t->life);
        switch (event) {
        case PTRACE_EVENT_SECCOMP:
                return on_seccomp(tr, t);
        case PTRACE_EVENT_CLONE:
        case PTRACE_EVENT_FORK:
        case PTRACE_EVENT_VFORK:
                return on_clone(tr, t);
        case PTRACE_EVENT_EXEC:
                return on_exec(tr, t);
        case PTRACE_EVENT_STOP:
                if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
                        TALLOC_FREE(t->scratch);
                        (void)ptrace(PTRACE_LISTEN, t->tid, NULL, NULL); /* a group stop */
                        return;
                }
                if (tr->fakeroot && !t->creds) { /* before its parent's clone event: wait for it */
                        TALLOC_FREE(t->scratch);
                        t->held = true;
                        return;
                }
                return resume(t, 0); /* a new tracee's first stop */
        case 0:
                break;
        default:
                return resume(t, 0);
        }
        if (sig == (SIGTRAP | 0x80))
                return on_syscall_stop(tr, t);
        if (sig == SIGSEGV && trace_vsyscall_segv(tr, t)) {
                TALLOC_FREE(t->scratch);
                return;
        }
        resume(t, sig);
}

/* The signal flags: where forwarded signals go. The handler forwards itself: a flag read by
 * the loop would wait for the next stop when the signal came while the loop was busy with one
 * rather than blocked in waitpid (an idle daemon then never got its SIGTERM). */
static pid_t forward_pid;
static int forward_kill_signal;
static volatile sig_atomic_t forward_terms;

static void on_signal(int sig)
{
        int saved = errno;
        /* SIGTERM, SIGINT and SIGHUP become the kill signal; a second one insists */
        bool stop = sig == SIGTERM || sig == SIGINT || sig == SIGHUP;

        kill(forward_pid, !stop ? sig : forward_terms++ > 0 ? SIGKILL : forward_kill_signal);
        errno = saved;
}

int tracer_loop(struct tracer *tr, int *ret_status)
{
        struct sigaction sa = {.sa_handler = on_signal};

        forward_pid = tr->main_pid;
        forward_kill_signal = tr->kill_signal;
        sigfillset(&sa.sa_mask); /* one handler at a time: forward_terms counts alone */
        sa.sa_flags = SA_RESTART;
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
        sigaction(SIGUSR1, &sa, NULL);
        sigaction(SIGUSR2, &sa, NULL);
        for (;;) {
                int status;
                pid_t tid = waitpid(-1, &status, __WALL);
                struct tracee *t;

                if (tid < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                t = tracee_find(tr, tid) ?: tracee_add(tr, tid);
                if (!t)
                        return -ENOMEM;
                if (WIFEXITED(status) || WIFSIGNALED(status)) {
                        tracee_remove(tr, t);
                        if (tid == tr->main_pid) {
                                *ret_status = status;
                                return 0;
                        }
                        continue;
                }
                if (WIFSTOPPED(status))
                        on_stop(tr, t, status);
        }
}
