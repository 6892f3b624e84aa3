/* Path translation for the trace backend: a guest path (plus the guest directory it is relative
 * to) resolved component by component inside the guest root, through the path table's binds, to
 * the host path the kernel is given. Symbolic links are read on the host and followed in the
 * guest's view; `..` stops at the root; the /proc magic links of tracees mean guest paths.
 * Library code: returns -errno, never logs. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "trace/trace.h"

enum {
        RESOLVE_FOLLOW_LAST = 1 << 0, /* follow a final symbolic link */
        RESOLVE_SCOPED = 1 << 1,      /* openat2 RESOLVE_IN_ROOT: `/`, `..` and links stop at scope */
        RESOLVE_BENEATH_ONLY = 1 << 2, /* openat2 RESOLVE_BENEATH: leaving scope is -EXDEV */
        RESOLVE_NO_LINKS = 1 << 3,    /* openat2 RESOLVE_NO_SYMLINKS: any link is -ELOOP */
};

struct resolve {
        const struct path_table *paths;
        pid_t tid, tgid;   /* who /proc/self and /proc/thread-self mean */
        const char *scope; /* guest path absolute paths start from: "/" unless RESOLVE_SCOPED */
        unsigned flags;
        /* the guest path /proc/PID/exe shows for a tracee, or NULL to read the link */
        const char *(*exe_of)(void *userdata, pid_t pid);
        /* whether pid is one of the guest's processes (NULL: every pid is) */
        bool (*is_guest)(void *userdata, pid_t pid);
        void *userdata;
};

/* Resolve path (relative to the guest directory base, which is canonical) into the guest's
 * canonical path and the host path to give the kernel; both allocated on ctx. The final
 * component need not exist. */
int path_resolve(void *ctx, const struct resolve *rs, const char *base, const char *path, char **ret_guest,
                 char **ret_host);

/* The row a guest path lives in (the last bind at or above it). */
const struct trace_mount *path_mount_of(const struct path_table *t, const char *guest);
/* Guest path → host path (no link resolution). */
char *path_to_host(void *ctx, const struct path_table *t, const char *guest);
/* Host path → the guest path that shows it, or NULL when the guest cannot see it. */
char *path_to_guest(void *ctx, const struct path_table *t, const char *host);
/* Add a row to the table (allocated on ctx): guest path must be absolute. */
int path_table_add(void *ctx, struct path_table *t, const char *guest, const char *host, bool read_only);
