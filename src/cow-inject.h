/* The LD_PRELOAD shims uspawn injects: libuspawn-cow.so protects the source of a hard-link
 * clone during runs of the clone; libuspawn-ids.so answers stats in-process under the root
 * emulation. Each is bound into the container and preloaded into the command or init. */
#pragma once

#include "settings.h"

/* Where the shim appears inside the container (read-only bind): under /run/host, the directory
 * container managers hand their files to the guest in (read-only to the guest), on the /run
 * tmpfs uspawn mounts, which init systems keep rather than mount again. */
#define COW_LIBRARY_IN_CONTAINER "/run/host/uspawn/libuspawn-cow.so"
#define IDS_LIBRARY_IN_CONTAINER "/run/host/uspawn/libuspawn-ids.so"

/* When s->root's TREE.clone record says "hardlink": set s->cow_library (which the plan binds
 * at COW_LIBRARY_IN_CONTAINER) and LD_PRELOAD plus USPAWN_COW_PATH=/ in s's environment.
 * Nothing for other trees. Logs its errors. */
int cow_inject(struct settings *s);

/* A preloaded library of uspawn's, FILE: $OVERRIDE if set, else beside the running uspawn, in
 * ../lib/uspawn from it, then in the install directory; NULL when absent (*ret_looked: where). */
char *preload_find_library(void *ctx, const char *file, const char *override, char **ret_looked);

/* When the root emulation will be on (--emulate-ids=yes, or auto and only root mapped) and
 * USPAWN_IDS_FASTPATH is not 0: set s->ids_library (bound at IDS_LIBRARY_IN_CONTAINER) and add
 * it to LD_PRELOAD. Without the library, an info line and nothing else (stats stay correct,
 * through the supervisor). Logs its errors. */
int ids_inject(struct settings *s);
