/* What the userns supervisor relays, in the trace backend: /run/host/notify (--notify-ready=yes),
 * /dev/log and the console pty, shown to the guest by path-table rows and served by a thread
 * (see relay.c). */
#pragma once

#include <pthread.h>
#include <stdbool.h>

#include "plan.h"
#include "settings.h"
#include "supervise/console.h"
#include "supervise/notify.h"
#include "supervise/syslog.h"
#include "trace/table.h"

struct trace_relays {
        struct notify_relay notify; /* sock.fd -EBADF: not wanted */
        struct syslog_relay syslog;
        struct console console; /* master -EBADF: --console=pipe */
        int slave;              /* ours, held open so the master never hangs up before the guest */
        pid_t pid;              /* the command's, killed by ^]^]^] */
        pthread_t thread;
        int stop[2];  /* writing to stop[1] ends the thread */
        int winch[2]; /* SIGWINCH: the terminal's size changed */
        bool running;
};

#define TRACE_RELAYS_INIT                                                                                          \
        {.notify.sock.fd = -EBADF, .syslog.sock.fd = -EBADF, .syslog.out_fd = 2, .console.master = -EBADF,        \
         .slave = -EBADF, .stop = {-EBADF, -EBADF}, .winch = {-EBADF, -EBADF}}

/* Open the sockets and the pty the plan asks for (OP_NOTIFY, OP_SYSLOG, OP_CONSOLE) and add
 * their rows; console.slave is then the pty the command's stdio must be. Logs. */
int trace_relays_open(struct trace_relays *r, struct trace_table *tt, const struct settings *s, const struct plan *p);
/* Serve them from a thread of uspawn's own (a manager may accept only the main pid's messages);
 * an interactive console puts the user's terminal in raw mode. */
int trace_relays_start(struct trace_relays *r, pid_t pid);
/* Stop the thread (the last messages and output read first), restore the terminal, remove the
 * sockets. */
void trace_relays_close(struct trace_relays *r);
