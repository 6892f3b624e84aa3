/* The tracer loop: one waitpid for every tracee, one branch per kind of stop. Fast path: a seccomp
 * stop whose call needs nothing at exit is resumed with PTRACE_CONT; only a call whose registers
 * must be put back or whose result is rewritten is resumed with PTRACE_SYSCALL. Both event orders
 * are handled: before Linux 4.8 the entry stop follows the seccomp stop (order.c probes which).
 * With a seccomp listener (notify.c) the same loop also answers its notifications; without
 * seccomp filters (plain ptrace) every call stops, at entry and at exit. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <talloc.h>

#include "supervise/notify.h"
#include "trace/trace.h"
#include "util/log.h"
#include "util/macro.h"

static void resume(struct tracee *t, int sig)
{
        enum __ptrace_request req = t->state == TRACEE_RUNNING && !t->every_call ? PTRACE_CONT : PTRACE_SYSCALL;

        TALLOC_FREE(t->scratch);
        (void)ptrace(req, t->tid, NULL, (void *)(long)sig); /* ESRCH: killed meanwhile */
}

static void on_seccomp(struct tracer *tr, struct tracee *t)
{
        struct user_regs_struct regs;

        if (tracee_get_regs(t->tid, &regs) < 0)
                return resume(t, 0);
        /* a handed-over open keeps its marker while the kernel runs it (the filter is checked
         * again after this stop); the exit stop gives the guest its own flags back */
        bool marked = trace_notify_marked(&regs);
        bool exit_stop = syscall_enter(tr, t, &regs);
        if (marked)
                exit_stop = trace_notify_unmark(t);
        if (!exit_stop)
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

/* Plain ptrace has no filter to refuse other ABIs: a call through int $0x80 or sysenter (i386
 * numbers, which mean other calls) or with the x32 bit is foreign, and fails with ENOSYS. */
static bool foreign_abi(const struct tracee *t, const struct user_regs_struct *regs)
{
        uint8_t insn[2];

        if (regs->orig_rax & 0x40000000) /* __X32_SYSCALL_BIT */
                return true;
        return tracee_peek(t->tid, regs->rip - 2, insn, sizeof insn) < 0 || insn[0] != 0x0f || insn[1] != 0x05;
}

static void refuse(struct tracee *t, struct user_regs_struct *regs, int error)
{
        t->saved = *regs;
        t->row = NULL;
        t->deny = error;
        t->answered = t->exec_done = false;
        t->fr_exit = FR_NONE;
        regs->orig_rax = (uint64_t)-1;
        (void)tracee_set_regs(t->tid, regs);
        t->state = TRACEE_AWAIT_EXIT;
}

/* Plain ptrace (no seccomp filters): every call stops at entry and exit; the table's calls are
 * translated at entry as at a seccomp stop of the old event order (results set at exit). */
static void on_plain_syscall_stop(struct tracer *tr, struct tracee *t)
{
        struct user_regs_struct regs;

        t->in_syscall = !t->in_syscall;
        if (!t->in_syscall) {
                if (t->state == TRACEE_AWAIT_EXIT && tracee_get_regs(t->tid, &regs) >= 0)
                        syscall_leave(tr, t, &regs);
                t->state = TRACEE_RUNNING;
                return resume(t, 0);
        }
        if (tracee_get_regs(t->tid, &regs) < 0)
                return resume(t, 0);
        if (!t->before_exec && foreign_abi(t, &regs)) {
                refuse(t, &regs, ENOSYS);
                return resume(t, 0);
        }
        const struct syscall_row *row = syscall_row_find((long)regs.orig_rax);
        if (t->before_exec && row && row->kind != SC_EXEC)
                row = NULL; /* uspawn's own chdir and setrlimit, before the command runs */
        if (row && (row->kind != SC_FAKEROOT || tr->fakeroot))
                t->state = syscall_enter(tr, t, &regs) ? TRACEE_AWAIT_EXIT : TRACEE_RUNNING;
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
                        t->in_syscall = old->in_syscall;
                        t->row = old->row;
                        t->saved = old->saved;
                        t->deny = old->deny;
                        talloc_free(t->exec_exe);
                        talloc_free(t->exec_fn);
                        t->exec_exe = talloc_steal(t->life, old->exec_exe);
                        t->exec_fn = talloc_steal(t->life, old->exec_fn);
                        old->exec_exe = old->exec_fn = NULL;
                        talloc_free(t->exec_loader);
                        t->exec_loader = talloc_steal(t->life, old->exec_loader);
                        old->exec_loader = NULL;
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
        t->before_exec = false;
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

        tr->stops++;
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
                if (t->handover && sig == SIGTRAP) { /* notify.c interrupted its open */
                        trace_notify_handover(tr, t);
                        return resume(t, 0);
                }
                if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
                        TALLOC_FREE(t->scratch);
                        (void)ptrace(PTRACE_LISTEN, t->tid, NULL, NULL); /* a group stop */
                        return;
                }
                /* before its parent's clone event: wait for it, unless its model is known */
                if (tr->fakeroot && !t->creds && !fakeroot_adopt(tr, t)) {
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
                return tr->plain ? on_plain_syscall_stop(tr, t) : on_syscall_stop(tr, t);
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

        if (stop && forward_terms == 0)
                (void)notify_send("STOPPING=1\n"); /* as the userns supervisor says */
        kill(forward_pid, !stop ? sig : forward_terms++ > 0 ? SIGKILL : forward_kill_signal);
        errno = saved;
}

/* One waitpid result: 1 when the command's main process exited (*ret_status set), else 0. */
static int on_wait(struct tracer *tr, pid_t tid, int status, int *ret_status)
{
        struct tracee *t = tracee_find(tr, tid) ?: tracee_add(tr, tid);

        if (!t)
                return -ENOMEM;
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
                tracee_remove(tr, t);
                if (tid == tr->main_pid) {
                        *ret_status = status;
                        return 1;
                }
                return 0;
        }
        if (WIFSTOPPED(status))
                on_stop(tr, t, status);
        return 0;
}

/* With a listener: poll it and a signalfd of SIGCHLD (every ptrace stop and exit sends one to
 * the tracer), then reap whatever is waiting without blocking. One thread does both: the
 * notification side shares the tracees' state and may interrupt them. */
static int loop_notify(struct tracer *tr, int *ret_status)
{
        _cleanup_close_ int sfd = -EBADF;
        sigset_t mask;
        int r = 0;

        sigemptyset(&mask);
        sigaddset(&mask, SIGCHLD);
        sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
        if (sfd < 0)
                return -errno;
        for (;;) {
                struct pollfd p[2] = {{.fd = sfd, .events = POLLIN}, {.fd = tr->listener, .events = POLLIN}};
                struct signalfd_siginfo si;
                int status;
                pid_t tid;

                while ((tid = waitpid(-1, &status, __WALL | WNOHANG)) > 0)
                        if ((r = on_wait(tr, tid, status, ret_status)) != 0)
                                return r < 0 ? r : 0;
                if (tid < 0 && errno != EINTR)
                        return -errno;
                if (poll(p, p[1].fd >= 0 ? 2 : 1, -1) < 0) {
                        if (errno != EINTR)
                                return -errno;
                        continue;
                }
                while (read(sfd, &si, sizeof si) == sizeof si)
                        ;
                if (p[1].revents & POLLIN)
                        r = trace_notify_handle(tr);
                if (r < 0 || (p[1].revents & (POLLHUP | POLLERR | POLLNVAL)))
                        tr->listener = safe_close(tr->listener); /* every filtered process is gone */
                r = 0;
        }
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
        if (tr->listener >= 0) {
                sigset_t mask, old;
                int r;

                sigemptyset(&mask);
                sigaddset(&mask, SIGCHLD);
                sigprocmask(SIG_BLOCK, &mask, &old);
                r = loop_notify(tr, ret_status);
                sigprocmask(SIG_SETMASK, &old, NULL);
                return r;
        }
        for (;;) {
                int status, r;
                pid_t tid = waitpid(-1, &status, __WALL);

                if (tid < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                if ((r = on_wait(tr, tid, status, ret_status)) != 0)
                        return r < 0 ? r : 0;
        }
}
