/* Protecting the source of a hard-link clone during runs of the clone: libuspawn-cow.so is
 * bound into the container and preloaded into the command or init. */
#pragma once

#include "settings.h"

/* Where the shim appears inside the container (read-only bind): under /run/host, the directory
 * container managers hand their files to the guest in (read-only to the guest), on the /run
 * tmpfs uspawn mounts, which init systems keep rather than mount again. */
#define COW_LIBRARY_IN_CONTAINER "/run/host/uspawn/libuspawn-cow.so"

/* When s->root's TREE.clone record says "hardlink": set s->cow_library (which the plan binds
 * at COW_LIBRARY_IN_CONTAINER) and LD_PRELOAD plus USPAWN_COW_PATH=/ in s's environment.
 * Nothing for other trees. Logs its errors. */
int cow_inject(struct settings *s);

/* A preloaded library of uspawn's, FILE: $OVERRIDE if set, else beside the running uspawn, in
 * ../lib/uspawn from it, then in the install directory; NULL when absent (*ret_looked: where). */
char *preload_find_library(void *ctx, const char *file, const char *override, char **ret_looked);
