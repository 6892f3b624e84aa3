/* The root emulation's seccomp user-notification side: the filter a container installs to stop
 * the calls of fakeroot/calls-table.c, and the server the supervisor runs on the listener
 * descriptor that filter returns. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct fakeroot_server;

/* Add the notifying rules to a libseccomp filter of the native architecture: each call of
 * calls-table.c stops, except those in denied (system call numbers the policy refuses: its
 * EPERM wins over a notification, as it would across two filters). */
typedef void *scmp_filter_ctx;
int fakeroot_add_rules(scmp_filter_ctx f, const int *denied, size_t n_denied);

/* Compile the notifying rules alone, as a filter of their own (native architecture only;
 * others pass). malloc'ed BPF. */
int fakeroot_compile_filter(void **ret_bpf, size_t *ret_len);

/* Install it in the calling thread; returns the listener descriptor (O_CLOEXEC) or -errno
 * (-ENOSYS, -EINVAL: no user notification here; -EBUSY: a listener exists already). */
int fakeroot_install_filter(const void *bpf, size_t len);

/* A server for listener (taken over, closed with the server). Logs. */
int fakeroot_server_new(void *ctx, int listener, struct fakeroot_server **ret);

int fakeroot_server_fd(const struct fakeroot_server *s);

/* Answer one pending notification (call when the descriptor is readable). Returns 0, or
 * -ENOENT when the notification went away (the caller was killed), or another -errno when
 * the listener is dead (every filtered process has exited). */
int fakeroot_server_handle(struct fakeroot_server *s);
