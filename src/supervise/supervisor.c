/* The supervisor's event loop: one poll over a signalfd, the console's pty master and stdin.
 * SIGTERM, SIGINT and SIGHUP send the kill signal to PID 1 (a second one sends SIGKILL); other
 * job signals are passed on, window changes follow the terminal. */
#include "supervise/supervisor.h"

#include <poll.h>
#include <sys/signalfd.h>
#include <limits.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot.h"
#include "util/log.h"

void supervisor_signal_set(sigset_t *ret)
{
        static const int sigs[] = {SIGCHLD, SIGTERM, SIGINT,   SIGHUP,  SIGQUIT,
                                   SIGUSR1, SIGUSR2, SIGWINCH, SIGCONT, SIGALRM};

        sigemptyset(ret);
        for (size_t i = 0; i < ELEMENTSOF(sigs); i++)
                sigaddset(ret, sigs[i]);
}

/* A booted init that calls reboot(2) in its PID namespace is killed by the kernel with SIGHUP
 * (restart) or SIGINT (power-off, halt): nspawn's exit codes for those are 133 and 0. */
static int exit_code(const struct settings *s, int status)
{
        if (WIFEXITED(status))
                return WEXITSTATUS(status);
        if (s->boot && WTERMSIG(status) == SIGHUP)
                return EXIT_REBOOT;
        if (s->boot && WTERMSIG(status) == SIGINT)
                return 0;
        return 128 + WTERMSIG(status);
}

struct loop {
        const struct settings *s;
        pid_t pid;
        struct console *console;
        struct vsyscall_tracer *vsys; /* tracing: every child's stops come through SIGCHLD */
        struct net_helper *net;       /* -n: the network helper, reaped when it exits */
        unsigned stop_requests;
        long long kill_deadline_ms; /* SIGKILL then, once a stop was asked for; 0 = none */
        bool stdin_open;
        bool done;
        int code;
};

static long long now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* First request: ask PID 1 nicely (sysvinit through initctl, as SIGINT would reboot a stock
 * Debian inittab), and arm the timeout. A second request, or the timeout: SIGKILL. */
static void request_stop(struct loop *l)
{
        if (l->stop_requests++ > 0) {
                kill(l->pid, SIGKILL);
                return;
        }
        notify_send("STOPPING=1\n");
        if (!(l->s->halt_via_initctl && sysvinit_request_runlevel(l->pid, '0') == 0))
                kill(l->pid, l->s->kill_signal);
        l->kill_deadline_ms = now_ms() + (long long)l->s->stop_timeout_sec * 1000;
}

static int poll_timeout(const struct loop *l)
{
        long long left;

        if (!l->kill_deadline_ms)
                return -1;
        left = l->kill_deadline_ms - now_ms();
        return left <= 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left;
}

static void check_deadline(struct loop *l)
{
        if (l->kill_deadline_ms && now_ms() >= l->kill_deadline_ms) {
                log_notice("Container %s did not stop within %us; killing it.", l->s->machine, l->s->stop_timeout_sec);
                kill(l->pid, SIGKILL);
                l->kill_deadline_ms = 0;
        }
}

static void on_signal(struct loop *l, int sig)
{
        int status;

        switch (sig) {
        case SIGCHLD:
                if (l->vsys ? vsyscall_tracer_dispatch(l->vsys, &status) > 0
                            : waitpid(l->pid, &status, WNOHANG) == l->pid) {
                        l->done = true;
                        l->code = exit_code(l->s, status);
                }
                if (l->net)
                        net_helper_reap(l->net, l->s->machine);
                return;
        case SIGTERM:
        case SIGINT:
        case SIGHUP:
                request_stop(l);
                return;
        case SIGWINCH:
                if (l->console)
                        console_sync_size(l->console);
                return;
        default:
                kill(l->pid, sig);
        }
}

static int drain_signals(struct loop *l, int sfd)
{
        struct signalfd_siginfo si;

        while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si)
                on_signal(l, (int)si.ssi_signo);
        return 0;
}

static void on_console(struct loop *l, struct pollfd *p)
{
        if (p[1].revents & (POLLIN | POLLHUP | POLLERR))
                if (console_forward_output(l->console) == -EIO)
                        p[1].fd = -1; /* nothing holds the slave now; stop watching it */
        if (p[2].revents & (POLLIN | POLLHUP | POLLERR)) {
                int r = console_forward_input(l->console);
                if (r == 1) {
                        console_restore(l->console);
                        log_notice("Container %s terminated by ^]^]^].", l->s->machine);
                        kill(l->pid, SIGKILL);
                } else if (r < 0)
                        l->stdin_open = false;
        }
}

int supervisor_run(const struct settings *s, pid_t pid, struct console *console, struct syslog_relay *syslog,
                   struct notify_relay *notify, struct vsyscall_tracer *vsys, struct net_helper *net)
{
        return supervisor_run_hooked(s, pid, console, syslog, notify, vsys, net, NULL);
}

int supervisor_run_hooked(const struct settings *s, pid_t pid, struct console *console, struct syslog_relay *syslog,
                          struct notify_relay *notify, struct vsyscall_tracer *vsys, struct net_helper *net,
                          const struct supervisor_hook *hook)
{
        struct loop l = {.s = s, .pid = pid, .console = console, .vsys = vsys, .net = net, .stdin_open = true};
        struct pollfd p[6];
        sigset_t set;
        int sfd;

        supervisor_signal_set(&set);
        sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
        if (sfd < 0)
                return log_error_errno(-errno, "Failed to watch signals: %m");
        p[0] = (struct pollfd){.fd = sfd, .events = POLLIN};
        p[1] = (struct pollfd){.fd = console ? console->master : -1, .events = POLLIN};
        p[2] = (struct pollfd){.fd = -1, .events = POLLIN};
        p[3] = (struct pollfd){.fd = syslog ? syslog->sock.fd : -1, .events = POLLIN};
        p[4] = (struct pollfd){.fd = notify ? notify->sock.fd : -1, .events = POLLIN};
        p[5] = (struct pollfd){.fd = hook && hook->fd >= 0 ? hook->fd : -1, .events = POLLIN};
        /* a child may have exited before the signalfd existed */
        on_signal(&l, SIGCHLD);
        while (!l.done) {
                p[2].fd = console && console->relay_input && l.stdin_open ? STDIN_FILENO : -1;
                if (poll(p, ELEMENTSOF(p), poll_timeout(&l)) < 0 && errno != EINTR)
                        break;
                check_deadline(&l);
                if (p[0].revents & POLLIN)
                        drain_signals(&l, sfd);
                if (console)
                        on_console(&l, p);
                if (p[3].revents & POLLIN)
                        syslog_relay_forward(syslog);
                if (p[4].revents & POLLIN)
                        notify_relay_forward(notify);
                if (p[5].revents & POLLIN)
                        hook->on_ready(hook->data);
                else if (p[5].revents & (POLLHUP | POLLERR))
                        p[5].fd = -1; /* every filtered process has exited */
        }
        if (console && p[1].fd >= 0)
                console_forward_output(console); /* what the command wrote last */
        if (syslog)
                syslog_relay_forward(syslog);
        close(sfd);
        return l.done ? l.code : log_error_errno(-errno, "Failed to wait for the container: %m");
}
