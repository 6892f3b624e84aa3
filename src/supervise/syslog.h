/* /dev/log for the container: a datagram socket served by the supervisor, so programs of any
 * era that log through syslog(3) work with no syslog daemon inside. Each message becomes one
 * line on uspawn's stderr (or --log-file), prefixed with the machine name. */
#pragma once

#include <stddef.h>

#include "supervise/hostsock.h"

struct syslog_relay {
        struct host_socket sock;
        int out_fd; /* where lines go */
        const char *machine;
};

/* Open where lines go (log_file, or stderr when NULL); the socket comes later, from the
 * container (host_socket_adopt). */
int syslog_relay_init(struct syslog_relay *r, const char *machine, const char *log_file);
/* The same, with the socket in a private directory on the host (host_socket_open). */
int syslog_relay_open(struct syslog_relay *r, const char *machine, const char *log_file);
/* Read every pending message and write it out. */
void syslog_relay_forward(struct syslog_relay *r);
void syslog_relay_close(struct syslog_relay *r);

/* Format one syslog datagram ("<PRI>TIMESTAMP TAG: MESSAGE") as the line written out:
 * "MACHINE: TIMESTAMP TAG: MESSAGE\n" (priority dropped, trailing newlines and NULs trimmed,
 * control characters shown as '?'). Returns the line's length. */
int syslog_format_line(const char *machine, const char *msg, size_t len, char *out, size_t size);
