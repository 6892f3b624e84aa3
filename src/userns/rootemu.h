/* Root emulation in the userns backend (fakeroot/): when it is on, how the notifying filter
 * travels (sent by the supervisor, installed by the container, whose listener descriptor
 * comes back over the sync socket), and the supervisor's wait for it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "settings.h"
#include "userns/idmap.h"

struct fakeroot_server;

/* --emulate-ids: yes, no, or auto = when only root is mapped. Both sides decide alike. */
bool rootemu_wanted(const struct settings *s, const struct idmaps *maps);

/* Container: receive the filter that joins the emulation's rules to the policy's, install it
 * and send the listener back (or the reason there is none): 1. Where that fails, with required
 * (--emulate-ids=yes) it is an error; else a warning, and policy alone is installed: 0. Logs. */
int rootemu_install(int sync_fd, const void *policy, size_t policy_len, bool required);

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
