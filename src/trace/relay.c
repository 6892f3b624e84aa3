/* The userns supervisor's relays without mounts: the notify relay (supervise/notify.c, for
 * --notify-ready=yes) and the syslog relay (supervise/syslog.c), their sockets shown to the
 * guest at /run/host/notify and /dev/log by path-table rows (the guest's sendto and connect are
 * translated there), served by a thread because the tracer's own loop waits in waitpid. The
 * thread only reads the sockets and writes lines and datagrams, as uspawn's pid: a manager with
 * NotifyAccess=main accepts them. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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
                }
        }
        return k < 0 ? log_error_errno(k, "Out of memory") : 0;
}

static void *serve(void *arg)
{
        struct trace_relays *r = arg;
        struct pollfd p[3] = {{.fd = r->notify.sock.fd, .events = POLLIN},
                              {.fd = r->syslog.sock.fd, .events = POLLIN},
                              {.fd = r->stop[0], .events = POLLIN}};

        for (;;) {
                if (poll(p, 3, -1) < 0 && errno != EINTR)
                        break;
                if (p[0].revents & POLLIN)
                        notify_relay_forward(&r->notify);
                if (p[1].revents & POLLIN)
                        syslog_relay_forward(&r->syslog);
                if (p[2].revents)
                        break;
        }
        return NULL;
}

int trace_relays_start(struct trace_relays *r)
{
        int k;

        if (r->notify.sock.fd < 0 && r->syslog.sock.fd < 0)
                return 0;
        if (pipe2(r->stop, O_CLOEXEC) < 0)
                return log_error_errno(-errno, "Failed to make a pipe: %m");
        k = -pthread_create(&r->thread, NULL, serve, r);
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
        r->stop[0] = safe_close(r->stop[0]);
        r->stop[1] = safe_close(r->stop[1]);
        if (r->notify.sock.fd >= 0)
                notify_relay_close(&r->notify);
        if (r->syslog.sock.fd >= 0)
                syslog_relay_close(&r->syslog);
}
