/* User and group id maps for the container's user namespace: which ids exist inside, and how
 * they are written (directly for the single mapping, through newuidmap/newgidmap for ranges). */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "host.h"
#include "settings.h"

struct idmap_extent {
        uint32_t inside, outside, count;
};

struct idmap {
        struct idmap_extent extents[2];
        unsigned n;
};

struct idmaps {
        struct idmap uid, gid;
        bool use_helpers;       /* newuidmap/newgidmap needed (more than our own id is mapped) */
        const char *why_single; /* when only root is mapped though pick was asked: the reason */
};

/* Decide the maps for the invoking user (uid/gid outside) from the settings and the host's
 * subordinate ranges. Pure: no system calls. */
void idmaps_compute(enum private_users mode, uid_t uid, gid_t gid, const struct subid_range *subuid,
                    const struct subid_range *subgid, bool have_helpers, struct idmaps *ret);

/* idmaps_compute for this user and host: the subordinate ranges and newuidmap probed once per
 * process (the COW injection asks before the backend does). */
void idmaps_decide(enum private_users mode, struct idmaps *ret);

/* Format a map the way /proc/PID/uid_map takes it ("0 1000 1\n1 200000 65535\n"). */
int idmap_format(const struct idmap *m, char *buf, size_t size);

/* True when id (inside) is mapped by m. */
bool idmap_contains(const struct idmap *m, uint32_t id);

/* Write the maps of process pid (which has just entered its new user namespace). When the
 * setuid helpers cannot map the range (no_new_privs, a broken install) and nothing was written
 * yet, only root is mapped instead, with a notice, and maps says so. */
int idmaps_apply(struct idmaps *maps, pid_t pid);
