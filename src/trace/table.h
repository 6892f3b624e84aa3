/* The plan turned into the trace backend's path table (see table.c). */
#pragma once

#include "plan.h"
#include "settings.h"
#include "trace/trace.h"

struct trace_table {
        struct path_table paths;
        char *tmp_base; /* private directories standing in for tmpfs mounts, removed at the end */
        int tmp_lock;   /* held while we run: a later run's sweep leaves tmp_base alone (scratch.c) */
        char *exec_dir; /* below it: links named like the programs, to the guests' ld.so (exec.c) */
        unsigned n_private;
        char *run_host; /* the private directory standing in for /run/host, or NULL */
        struct trace_overlays *overlays; /* overlay.c: the fuse-overlayfs mounts, or NULL */
        const struct settings *settings; /* what the clean-up removes besides (overlay scratch) */
};

/* Build the table for s and p; logs what it cannot emulate. The table's talloc destructor
 * removes the private directories. */
int trace_table_build(void *ctx, const struct settings *s, const struct plan *p, struct trace_table **ret);
int trace_table_cleanup(struct trace_table *tt);
