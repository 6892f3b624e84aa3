/* Root emulation in the userns backend (fakeroot/): when it is on, how the notifying filter
 * travels (compiled by the supervisor, installed by the container, whose listener descriptor
 * comes back over the sync socket), and the supervisor's wait for it. */
#pragma once

#include <stdbool.h>

#include "settings.h"
#include "userns/idmap.h"

struct fakeroot_server;

/* --emulate-ids: yes, no, or auto = when only root is mapped. Both sides decide alike. */
bool rootemu_wanted(const struct settings *s, const struct idmaps *maps);

/* Supervisor: compile and send the filter (after the policy filter). Logs. */
int rootemu_send_filter(int sync_fd);

/* Container: receive and install it, send the listener back (or the reason there is none).
 * With required (--emulate-ids=yes) a failure is an error; else a warning. Logs. */
int rootemu_install(int sync_fd, bool required);

/* Supervisor: a message of the sync socket was read into buf (n bytes, fds in cmsg buffer):
 * when it carries the listener, start the server. Returns 1 when it was that message. */
int rootemu_on_message(void *ctx, const char *buf, ssize_t n, int fd, struct fakeroot_server **ret);

/* Hand a listener over fd (SCM_RIGHTS), or with listener < 0 the errno why there is none. */
int rootemu_send_listener(int fd, int listener, int error);

/* Receive what rootemu_send_listener sent: the listener (O_CLOEXEC) or -errno (-EPIPE: the
 * sender ended without a word). */
int rootemu_recv_listener(int fd);

/* The sync socket tag of the listener message. */
#define SYNC_LISTENER 'L'
