/* Executing the setup plan with real mounts, inside the container's new mount namespace. */
#pragma once

#include <stdbool.h>

#include "plan.h"

/* Make the host's mounts our slaves (nothing propagates back) and bind the tree onto itself so
 * it can become the root. Returns an O_PATH fd of the new root mount. */
int mounts_prepare_root(const char *root);

/* Perform every operation of the plan under rootfd. console_slave is the pty's slave path for
 * OP_CONSOLE; private_network says whether a new sysfs may be mounted. */
int mounts_apply_plan(const struct plan *p, int rootfd, const char *root_for_messages, const char *console_slave,
                      bool private_network);

/* Make the tree the root of the mount namespace and forget the host's mounts. */
int mounts_pivot_root(int rootfd);
