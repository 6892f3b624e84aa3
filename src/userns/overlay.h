/* Overlay mounts inside the container's namespaces: --overlay/--overlay-ro, and the root of -x,
 * --volatile=overlay and --volatile=yes. Kernel overlayfs first, fuse-overlayfs where it is
 * refused. Runs in the container before the pivot, when host paths are still reachable. */
#pragma once

#include "plan.h"

/* When the plan starts with OP_ROOT_OVERLAY or OP_ROOT_TMPFS, mount that root at root (the
 * tree's path, where *rootfd is bound) and replace *rootfd with an O_PATH fd of its top. */
int overlay_prepare_root(const struct plan *p, const char *root, int *rootfd);

/* OP_OVERLAY under rootfd. Logs its own errors (which layer, which driver, the remedy). */
int overlay_mount_op(int rootfd, const struct mount_op *op, enum overlay_driver driver);

/* --volatile=yes: what a merged-/usr tree needs at its top besides /usr: the compatibility
 * links (bin -> usr/bin ...), copied from tree to newroot (directory fds). -errno if tree
 * cannot be read; a link that cannot be made is left out. Shared with the trace backend. */
int overlay_copy_usr_links(int tree, int newroot);
