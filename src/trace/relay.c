/* The userns supervisor's relays without mounts: the notify relay (supervise/notify.c, for
 * --notify-ready=yes), the syslog relay (supervise/syslog.c) and the console (supervise/
 * console.c): sockets shown to the guest at /run/host/notify and /dev/log by path-table rows
 * (the guest's sendto and connect are translated there), the pty's slave at /dev/console and as
 * the command's stdio. One thread serves them, because the tracer's own loop waits in waitpid;
 * it only reads and writes those fds (and kills the command on ^]^]^]), as uspawn's pid: a
 * manager with NotifyAccess=main accepts its messages. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include "trace/path.h"
#include "trace/relay.h"
#include "util/log.h"
#include "util/macro.h"

int trace_relays_open(struct trace_relays *r, struct trace_table *tt, const struct settings *s, const struct plan *p)
{
        int k = 0;

        for (unsigned i = 0; k >= 0 && i < p->n_ops; i++) {
                const struct mount_op *op = &p->ops[i];
                if (op->kind == OP_NOTIFY && r->notify.sock.fd < 0) {
                        k = notify_relay_open(&r->notify, s->machine);
                        if (k < 0)
                                return log_error_errno(k, "Failed to create the guest's notify socket for "
                                                          "--notify-ready: %m");
                        k = path_table_add(tt, &tt->paths, op->destination, r->notify.sock.path, false);
                } else if (op->kind == OP_SYSLOG && r->syslog.sock.fd < 0) {
                        k = syslog_relay_open(&r->syslog, s->machine, s->log_file);
                        if (k < 0 && s->log_file) /* as the userns backend says it */
                                return log_error_errno(k, "Failed to open --log-file=%s: %m", s->log_file);
                        if (k < 0) {
                                log_warning_errno(k, "No /dev/log in the container: cannot create its socket: %m");
                                k = 0;
                                continue;
                        }
                        k = path_table_add(tt, &tt->paths, op->destination, r->syslog.sock.path, false);
                } else if (op->kind == OP_CONSOLE && r->console.master < 0) {
                        k = console_open(&r->console, s->console == CONSOLE_INTERACTIVE,
                                         s->console == CONSOLE_INTERACTIVE || s->console == CONSOLE_READ_ONLY);
                        if (k >= 0)
                                r->slave = open(r->console.slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
                        if (k < 0 || r->slave < 0)
                                return log_error_errno(k < 0 ? k : -errno, "Failed to allocate a pseudo-terminal for the "
                                                                           "console: %m; use --console=pipe");
                        k = path_table_add(tt, &tt->paths, op->destination, r->console.slave, false);
                }
        }
        return k < 0 ? log_error_errno(k, "Out of memory") : 0;
}

/* SIGWINCH: the terminal's new size for the pty, from the thread (the handler only writes a
 * byte; SA_RESTART, so the tracer's waitpid never sees it). */
static int winch_fd = -EBADF;

static void on_winch(int sig)
{
        (void)sig;
        (void)!write(winch_fd, "w", 1);
}

static void on_console(struct trace_relays *r, struct pollfd *p)
{
        if (p[3].revents & (POLLIN | POLLHUP | POLLERR) && console_forward_output(&r->console) == -EIO)
                p[3].fd = -1;
        if (p[4].revents & (POLLIN | POLLHUP | POLLERR)) {
                int k = console_forward_input(&r->console);
                if (k == 1) {
                        console_restore(&r->console);
                        log_notice("Container terminated by ^]^]^].");
                        kill(r->pid, SIGKILL);
                } else if (k < 0)
                        p[4].fd = -1; /* end of input */
        }
        if (p[5].revents & POLLIN) {
                char buf[16];
                (void)!read(p[5].fd, buf, sizeof buf);
                console_sync_size(&r->console);
        }
}

static void *serve(void *arg)
{
        struct trace_relays *r = arg;
        struct pollfd p[6] = {{.fd = r->notify.sock.fd, .events = POLLIN},
                              {.fd = r->syslog.sock.fd, .events = POLLIN},
                              {.fd = r->stop[0], .events = POLLIN},
                              {.fd = r->console.master, .events = POLLIN},
                              {.fd = r->console.master >= 0 && r->console.relay_input ? STDIN_FILENO : -1,
                               .events = POLLIN},
                              {.fd = r->winch[0], .events = POLLIN}};

        for (;;) {
                if (poll(p, ELEMENTSOF(p), -1) < 0 && errno != EINTR)
                        break;
                if (p[0].revents & POLLIN)
                        notify_relay_forward(&r->notify);
                if (p[1].revents & POLLIN)
                        syslog_relay_forward(&r->syslog);
                if (r->console.master >= 0)
                        on_console(r, p);
                if (p[2].revents)
                        break;
        }
        return NULL;
}

/* The thread blocks every signal but SIGWINCH: SIGCHLD must reach the tracer's signalfd (a
 * thread with it unblocked would take it and, its action being the default, drop it), and
 * SIGTERM and the like must interrupt the tracer's wait, not this thread's poll. */
static int start_thread(struct trace_relays *r)
{
        sigset_t all, old;
        int k;

        sigfillset(&all);
        sigdelset(&all, SIGWINCH);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        k = -pthread_create(&r->thread, NULL, serve, r);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        return k;
}

int trace_relays_start(struct trace_relays *r, pid_t pid)
{
        int k;

        r->pid = pid;
        if (r->notify.sock.fd < 0 && r->syslog.sock.fd < 0 && r->console.master < 0)
                return 0;
        if (pipe2(r->stop, O_CLOEXEC) < 0)
                return log_error_errno(-errno, "Failed to make a pipe: %m");
        if (r->console.master >= 0) {
                if (pipe2(r->winch, O_CLOEXEC | O_NONBLOCK) < 0)
                        return log_error_errno(-errno, "Failed to make a pipe: %m");
                winch_fd = r->winch[1];
                (void)sigaction(SIGWINCH, &(struct sigaction){.sa_handler = on_winch, .sa_flags = SA_RESTART}, NULL);
                if (r->console.relay_input)
                        console_enter_raw(&r->console);
        }
        k = start_thread(r);
        if (k < 0)
                return log_error_errno(k, "Failed to start the relay thread: %m");
        r->running = true;
        return 0;
}

void trace_relays_close(struct trace_relays *r)
{
        if (r->running) {
                (void)!write(r->stop[1], "x", 1);
                pthread_join(r->thread, NULL);
                r->running = false;
        }
        if (r->syslog.sock.fd >= 0) /* what the guest logged just before it ended */
                syslog_relay_forward(&r->syslog);
        if (r->console.master >= 0) {
                (void)signal(SIGWINCH, SIG_DFL);
                winch_fd = -EBADF;
                console_forward_output(&r->console); /* what the command wrote last */
                console_close(&r->console);
        }
        r->slave = safe_close(r->slave);
        for (int i = 0; i < 2; i++) {
                r->stop[i] = safe_close(r->stop[i]);
                r->winch[i] = safe_close(r->winch[i]);
        }
        if (r->notify.sock.fd >= 0)
                notify_relay_close(&r->notify);
        if (r->syslog.sock.fd >= 0)
                syslog_relay_close(&r->syslog);
}
