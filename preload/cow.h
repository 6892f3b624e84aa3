/* The shim's internal interface. The core speaks -errno (DESIGN §3.9): only the exported hooks
 * in hooks.c touch errno. Everything here is hidden; the version script exports the hooks only. */
#pragma once

#include "sys.h"

/* util.c: the few libc-like helpers the shim needs, hidden so that calls stay inside it (the
 * compiler may also emit memcpy/memset calls of its own: they bind here too) */
HIDDEN void *memcpy(void *d, const void *s, size_t n);
HIDDEN void *memset(void *d, int c, size_t n);
HIDDEN void *memmove(void *d, const void *s, size_t n);
HIDDEN size_t cow_strlen(const char *s);
HIDDEN int cow_strncmp(const char *a, const char *b, size_t n);
HIDDEN char *cow_stpcpy(char *d, const char *s);
HIDDEN char *cow_utoa(char *d, unsigned long v); /* decimal, returns the end */
/* Debug lines go to the fd named by USPAWN_COW_DEBUG_FD, never anywhere else. */
HIDDEN void cow_debug(const char *what, const char *path, long value);

/* config.c: the protected prefixes, read once from the environment */
struct cow_config {
        int debug_fd;   /* -1: no debug output */
        int no_proc;    /* USPAWN_COW_NO_PROC=1: resolve paths without /proc (tests) */
        int no_tmpfile; /* USPAWN_COW_NO_TMPFILE=1: named temporaries (tests) */
        int no_fsync;   /* USPAWN_COW_NO_FSYNC=1: a crash may leave the copy empty (never the original) */
        unsigned n_paths, n_excludes;
        const char *paths[64], *excludes[64];
};
HIDDEN const struct cow_config *cow_config(void); /* NULL while nothing is protected */
HIDDEN int cow_protected(const struct cow_config *c, const char *canonical);

/* resolve.c: the canonical absolute path of (dirfd, path), every symlink resolved (the last one
 * too unless nofollow), into out[PATH_MAX_]. */
HIDDEN int cow_canonical(const struct cow_config *c, int dirfd, const char *path, int nofollow, char *out);
HIDDEN int cow_fd_path(int fd, char *out); /* readlink /proc/self/fd/FD */

/* break.c: replace the file at the canonical path, if it is still the inode *expected and still
 * has more than one link, by a private copy, atomically. 1 when broken, 0 when nothing to do. */
HIDDEN int cow_break(const struct cow_config *c, const char *canonical, const kstat_t *expected);
/* The same for a symlink with more than one link (cp -al links symlinks too), before an
 * operation that acts on the link itself (lchown, lutimes, lsetxattr). */
HIDDEN int cow_break_symlink(const struct cow_config *c, const char *canonical, const kstat_t *expected);

/* next.c: the next definition of a libc function after this library (RTLD_NEXT without libdl) */
HIDDEN void *cow_next(const char *name);
