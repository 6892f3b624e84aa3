/* The supervisor's sockets in the trace backend: /run/host/notify (--notify-ready=yes) and
 * /dev/log, shown to the guest by path-table rows and served by a thread (see relay.c). */
#pragma once

#include <pthread.h>
#include <stdbool.h>

#include "plan.h"
#include "settings.h"
#include "supervise/notify.h"
#include "supervise/syslog.h"
#include "trace/table.h"

struct trace_relays {
        struct notify_relay notify; /* sock.fd -EBADF: not wanted */
        struct syslog_relay syslog;
        pthread_t thread;
        int stop[2]; /* writing to stop[1] ends the thread */
        bool running;
};

#define TRACE_RELAYS_INIT                                                                                          \
        {.notify.sock.fd = -EBADF, .syslog.sock.fd = -EBADF, .syslog.out_fd = 2, .stop = {-EBADF, -EBADF}}

/* Open the sockets the plan asks for (OP_NOTIFY, OP_SYSLOG) and add their rows. Logs. */
int trace_relays_open(struct trace_relays *r, struct trace_table *tt, const struct settings *s, const struct plan *p);
/* Serve them from a thread of uspawn's own (a manager may accept only the main pid's messages). */
int trace_relays_start(struct trace_relays *r);
/* Stop the thread (the last messages read first) and remove the sockets. */
void trace_relays_close(struct trace_relays *r);
