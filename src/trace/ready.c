/* --notify-ready=yes without mounts: the userns supervisor's notify relay (supervise/notify.c),
 * its socket shown to the guest at /run/host/notify by a path-table row (the guest's sendto is
 * translated there), served by a thread because the tracer's own loop waits in waitpid. The
 * thread only reads the socket and writes to $NOTIFY_SOCKET, as uspawn's pid: a manager with
 * NotifyAccess=main accepts it. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "trace/path.h"
#include "trace/ready.h"
#include "util/log.h"
#include "util/macro.h"

int trace_ready_open(struct trace_ready *r, struct trace_table *tt, const char *machine)
{
        int k = notify_relay_open(&r->relay, machine);

        r->stop[0] = r->stop[1] = -EBADF;
        if (k < 0)
                return log_error_errno(k, "Failed to create the guest's notify socket for --notify-ready: %m");
        k = path_table_add(tt, &tt->paths, "/run/host/notify", r->relay.sock.path, false);
        return k < 0 ? log_error_errno(k, "Out of memory") : 0;
}

static void *serve(void *arg)
{
        struct trace_ready *r = arg;
        struct pollfd p[2] = {{.fd = r->relay.sock.fd, .events = POLLIN}, {.fd = r->stop[0], .events = POLLIN}};

        for (;;) {
                if (poll(p, 2, -1) < 0 && errno != EINTR)
                        break;
                if (p[0].revents & POLLIN)
                        notify_relay_forward(&r->relay);
                if (p[1].revents)
                        break;
        }
        return NULL;
}

int trace_ready_start(struct trace_ready *r)
{
        int k;

        if (pipe2(r->stop, O_CLOEXEC) < 0)
                return log_error_errno(-errno, "Failed to make a pipe: %m");
        k = -pthread_create(&r->thread, NULL, serve, r);
        if (k < 0)
                return log_error_errno(k, "Failed to start the notify relay: %m");
        r->running = true;
        return 0;
}

void trace_ready_close(struct trace_ready *r)
{
        if (r->running) {
                (void)!write(r->stop[1], "x", 1);
                pthread_join(r->thread, NULL);
                r->running = false;
        }
        r->stop[0] = safe_close(r->stop[0]);
        r->stop[1] = safe_close(r->stop[1]);
        notify_relay_close(&r->relay);
}
