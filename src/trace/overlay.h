/* Overlays in the trace backend: fuse-overlayfs mounted through fusermount3 (see overlay.c). */
#pragma once

#include "plan.h"
#include "trace/table.h"

/* OP_OVERLAY: mount the layers; *ret is the host directory that shows the merged tree. Logs. */
int trace_overlay_mount(struct trace_table *tt, const struct mount_op *op, enum overlay_driver d, char **ret);
/* OP_ROOT_OVERLAY, OP_ROOT_TMPFS: the root row's host directory replaced. Logs. */
int trace_overlay_root(struct trace_table *tt, const struct mount_op *op, enum overlay_driver d);
/* Unmount every overlay (the last first), then remove the scratch directory and workdirs. */
void trace_overlays_unmount(struct trace_table *tt);
