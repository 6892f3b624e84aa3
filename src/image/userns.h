/* The importer's user namespace: mapped as `uspawn -U pick` maps a container (root = the user,
 * 1..65535 = the subordinate range), so an image's owners can be written as they are, the way
 * rootless podman unpacks layers. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "userns/idmap.h"

struct image_ids {
        bool in_userns;      /* we run as root of our own user namespace */
        struct idmaps maps;  /* what is mapped there (inside ids) */
        const char *why_not; /* when ids beyond root cannot be written: the reason */
};

/* Move this process into a new user namespace mapped like `-U pick` (a helper child runs
 * newuidmap/newgidmap for us). Where user namespaces are refused, stays outside, and ids is
 * filled so that only root is "mapped" (as the invoking user). Returns 0 or a logged -errno. */
int image_enter_userns(struct image_ids *ids);

/* Whether an entry owned by uid:gid (image ids) can be written with those owners. */
bool image_ids_mapped(const struct image_ids *ids, uint32_t uid, uint32_t gid);
