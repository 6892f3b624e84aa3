/* Readiness, sd_notify style, for running uspawn as a systemd (user) service with Type=notify:
 * uspawn reports READY=1 once the container's init or command has started, or -- with
 * --notify-ready=yes -- once the guest's own init says READY=1 on /run/host/notify. */
#pragma once

#include <stdbool.h>

#include "supervise/hostsock.h"

/* Send text to $NOTIFY_SOCKET (a path, or '@' for the abstract namespace); nothing when unset. */
int notify_send(const char *text);

struct notify_relay {
        struct host_socket sock; /* the guest's NOTIFY_SOCKET, bound at /run/host/notify */
        const char *machine;
        bool ready; /* READY=1 was passed on */
};

/* A relay whose socket comes later, from the container (host_socket_adopt). */
void notify_relay_init(struct notify_relay *r, const char *machine);
/* A relay with its socket in a private directory on the host (host_socket_open). */
int notify_relay_open(struct notify_relay *r, const char *machine);
/* Read the guest's messages; pass READY=1 (once) and STATUS= lines on to our own manager. */
void notify_relay_forward(struct notify_relay *r);
void notify_relay_close(struct notify_relay *r);
