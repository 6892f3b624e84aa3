/* A cgroup of the container's own, for inits that manage cgroups (systemd): when uspawn runs in
 * a cgroup v2 subtree delegated to the user (systemd-run --user -p Delegate=yes, or a user
 * service with Delegate=yes), the container gets a child cgroup there, its own cgroup
 * namespace, and cgroup2 mounted writable at /sys/fs/cgroup. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

/* Create the container's cgroup below ours. Returns 0 and the new directory, -EACCES when our
 * cgroup is not delegated to us, -ENOENT when there is no cgroup v2 hierarchy. Never logs. */
int cgroup_create_payload(void *ctx, const char *machine, char **ret_dir);
int cgroup_attach(const char *dir, pid_t pid);
/* Remove the container's cgroup and what its init made below it (all empty once it exited). */
void cgroup_remove(const char *dir);
