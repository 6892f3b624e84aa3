/* The network helper of a -n container: pasta (or slirp4netns) started by uspawn against the
 * container's namespaces, tied to its life, and what the container's network then looks like. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "settings.h"

struct net_helper {
        enum network_helper kind;
        pid_t pid;       /* the helper, our child; 0 when none or reaped */
        int log_fd;      /* memfd holding the helper's stderr */
        int exit_fd;     /* slirp4netns: closing it ends the helper (--exit-fd) */
        char *api_socket; /* slirp4netns: its API socket's name in api_dir (ports are added through it) */
        int api_dir;      /* the registry directory, where slirp4netns runs: the name stays short */
        char **addresses; /* the container's addresses on host0, "192.0.2.2/24" (NULL-terminated) */
        bool warned;     /* its unexpected exit was reported */
};

#define NET_HELPER_INIT {.log_fd = -EBADF, .exit_fd = -EBADF, .api_dir = -EBADF}

/* Before anything starts: each -p host port can be bound here (ports below
 * net.ipv4.ip_unprivileged_port_start and ports in use fail with one clear line). */
int net_ports_check(const struct settings *s);

/* After the container's id maps are written: start the helper against the namespaces of pid,
 * wait until host0 is configured and the ports are published, and read host0's addresses.
 * Reports its own errors (the helper's message included); on failure nothing is left running. */
int net_helper_start(void *ctx, const struct settings *s, pid_t pid, struct net_helper *h);

/* On SIGCHLD: reap the helper if it exited, and warn once (the container has lost its network). */
void net_helper_reap(struct net_helper *h, const char *machine);

/* When the container is gone: end the helper and reap it. */
void net_helper_stop(struct net_helper *h);

/* The container's addresses, read inside its network namespace (for the registry). */
int net_read_addresses(void *ctx, pid_t pid, const char *ifname, char ***ret);
