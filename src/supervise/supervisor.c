/* The supervisor's event loop: one poll over a signalfd, the console's pty master and stdin.
 * SIGTERM, SIGINT and SIGHUP send the kill signal to PID 1 (a second one sends SIGKILL); other
 * job signals are passed on, window changes follow the terminal. */
#include "supervise/supervisor.h"

#include <poll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/log.h"

void supervisor_signal_set(sigset_t *ret)
{
        static const int sigs[] = {SIGCHLD, SIGTERM, SIGINT,   SIGHUP,  SIGQUIT,
                                   SIGUSR1, SIGUSR2, SIGWINCH, SIGCONT, SIGALRM};

        sigemptyset(ret);
        for (size_t i = 0; i < ELEMENTSOF(sigs); i++)
                sigaddset(ret, sigs[i]);
}

static int exit_code(int status)
{
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct loop {
        const struct settings *s;
        pid_t pid;
        struct console *console;
        unsigned stop_requests;
        bool stdin_open;
        bool done;
        int code;
};

static void on_signal(struct loop *l, int sig)
{
        int status;

        switch (sig) {
        case SIGCHLD:
                if (waitpid(l->pid, &status, WNOHANG) == l->pid) {
                        l->done = true;
                        l->code = exit_code(status);
                }
                return;
        case SIGTERM:
        case SIGINT:
        case SIGHUP:
                kill(l->pid, l->stop_requests++ == 0 ? l->s->kill_signal : SIGKILL);
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

int supervisor_run(const struct settings *s, pid_t pid, struct console *console)
{
        struct loop l = {.s = s, .pid = pid, .console = console, .stdin_open = true};
        struct pollfd p[3];
        sigset_t set;
        int sfd;

        supervisor_signal_set(&set);
        sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
        if (sfd < 0)
                return log_error_errno(-errno, "Failed to watch signals: %m");
        p[0] = (struct pollfd){.fd = sfd, .events = POLLIN};
        p[1] = (struct pollfd){.fd = console ? console->master : -1, .events = POLLIN};
        p[2] = (struct pollfd){.fd = -1, .events = POLLIN};
        /* a child may have exited before the signalfd existed */
        on_signal(&l, SIGCHLD);
        while (!l.done) {
                p[2].fd = console && console->relay_input && l.stdin_open ? STDIN_FILENO : -1;
                if (poll(p, 3, -1) < 0 && errno != EINTR)
                        break;
                if (p[0].revents & POLLIN)
                        drain_signals(&l, sfd);
                if (console)
                        on_console(&l, p);
        }
        if (console && p[1].fd >= 0)
                console_forward_output(console); /* what the command wrote last */
        close(sfd);
        return l.done ? l.code : log_error_errno(-errno, "Failed to wait for the container: %m");
}
