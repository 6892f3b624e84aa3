/* The setup plan: the ordered list of mount operations that turn a directory tree into a
 * container root, built as data from the settings before anything touches the system. The
 * userns backend executes it; --dry-run prints it; unit tests read it. */
#pragma once

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "settings.h"

enum mount_op_kind {
        OP_PROC,           /* a new procfs */
        OP_SYSFS,          /* /sys: a new sysfs when the network namespace is ours, else the host's, bound */
        OP_TMPFS,          /* tmpfs with options */
        OP_DEVPTS,         /* a new devpts instance */
        OP_MQUEUE,         /* a new mqueue file system for the IPC namespace */
        OP_BIND,           /* bind a host path (or a path of the tree) */
        OP_BIND_DEVICE,    /* bind a host device node onto a new empty file */
        OP_CONSOLE,        /* bind the console pty's slave (known only at run time) */
        OP_SYSLOG,         /* bind the supervisor's /dev/log socket (known only at run time) */
        OP_CGROUP,         /* cgroup2 of the container's own cgroup namespace (when delegated) */
        OP_NOTIFY,         /* bind the supervisor's notify socket at /run/host/notify (run time) */
        OP_SYMLINK,        /* create a symbolic link */
        OP_READ_ONLY,      /* make an existing path read-only by binding it onto itself */
        OP_MASK,           /* hide a file by binding /dev/null over it */
        OP_ROOT_READ_ONLY, /* remount the root itself read-only */
        OP_RESOLV_CONF,    /* write options (resolv.conf text) to source in the tree, bind it read-only */
        OP_RUN_HOST,       /* the Container Interface's /run/host files (container uuid known at run time) */
        OP_OVERLAY,        /* an --overlay: layers in overlay (userns/overlay.c) */
        OP_ROOT_OVERLAY,   /* first: the root is an overlay over the tree, its upper on a tmpfs or in source */
        OP_ROOT_TMPFS,     /* first: the root is a tmpfs with only the tree's /usr, read-only (--volatile=yes) */
};

struct mount_op {
        enum mount_op_kind kind;
        char *source;      /* host path, tree path (source_in_root), link target, or NULL */
        char *destination; /* absolute path inside the container */
        char *options;     /* file system data for tmpfs/devpts, or NULL */
        bool source_in_root;
        bool read_only;
        bool recursive;
        bool optional; /* skip quietly when the source or the destination is missing */
        const struct overlay_spec *overlay; /* OP_OVERLAY: the layers (owned by the settings) */
};

struct plan {
        struct mount_op *ops;
        unsigned n_ops;
        bool console_pty; /* an OP_CONSOLE is in the plan */
        enum overlay_driver overlay_driver; /* how OP_OVERLAY and OP_ROOT_OVERLAY are mounted */
};

/* Build the plan for s (allocated on ctx). Returns NULL only when out of memory. */
struct plan *plan_build(void *ctx, const struct settings *s);
void plan_print(const struct plan *p, FILE *f);
const char *mount_op_kind_to_string(enum mount_op_kind k);
