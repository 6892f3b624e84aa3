/* Executing the setup plan with real mounts, inside the container's new mount namespace. */
#pragma once

#include <stdbool.h>

#include "plan.h"

/* Make the host's mounts our slaves (nothing propagates back) and bind the tree onto itself so
 * it can become the root. Returns an O_PATH fd of the new root mount. */
int mounts_prepare_root(const char *root);

/* What only the run knows: the console pty's slave path (OP_CONSOLE), and where to put the
 * sockets bound for /dev/log (OP_SYSLOG) and /run/host/notify (OP_NOTIFY); NULL skips the
 * operation. */
struct runtime_sources {
        const char *console;
        int *syslog_fd;
        int *notify_fd;
        const char *uuid; /* container_uuid, for /run/host/container-uuid */
        bool cgroup; /* the container has a cgroup namespace of its own: mount cgroup2 */
};

/* Perform every operation of the plan under rootfd. console_slave is the pty's slave path for
 * OP_CONSOLE; private_network says whether a new sysfs may be mounted. */
int mounts_apply_plan(const struct plan *p, int rootfd, const char *root_for_messages,
                      const struct runtime_sources *sources, bool private_network);

/* Bind source_fd on destination inside rootfd (created as the source's kind), optionally
 * recursive and read-only. */
int mounts_bind_fd(int rootfd, int source_fd, const char *destination, bool recursive, bool read_only);

/* Make the tree the root of the mount namespace and forget the host's mounts. */
int mounts_pivot_root(int rootfd);
