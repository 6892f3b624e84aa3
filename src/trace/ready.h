/* --notify-ready=yes in the trace backend: the guest's /run/host/notify (see ready.c). */
#pragma once

#include <pthread.h>
#include <stdbool.h>

#include "supervise/notify.h"
#include "trace/table.h"

struct trace_ready {
        struct notify_relay relay;
        pthread_t thread;
        int stop[2]; /* writing to stop[1] ends the thread */
        bool running;
};

/* Open the relay's socket and add the row that shows it at /run/host/notify. Logs. */
int trace_ready_open(struct trace_ready *r, struct trace_table *tt, const char *machine);
/* Serve it from a thread of uspawn's own (the manager may accept only the main pid's messages). */
int trace_ready_start(struct trace_ready *r);
/* Stop the thread and remove the socket; harmless when never opened. */
void trace_ready_close(struct trace_ready *r);
