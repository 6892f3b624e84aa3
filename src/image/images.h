/* Trees the image verbs (clone, remove, rename, list-images) act on: a machine name in the
 * machines directory or a path, the sidecar files that travel with a tree (NAME.nspawn,
 * NAME.clone, NAME.owners), the running-machine guard (the registry's tree lock), and the hidden
 * ".#NAME.XXXXXX" temporaries a clone builds in, locked while alive so a later verb can tell a
 * crashed one's leftovers from one in progress. */
#pragma once

#include <stdbool.h>

/* Files beside a tree that belong to it: TREE + suffix. */
extern const char *const image_sidecar_suffixes[];
extern const unsigned image_sidecar_count;

struct image_ref {
        char *arg;  /* as given */
        char *dir;  /* the directory holding it */
        char *name; /* its name there */
        char *path; /* dir/name */
        bool in_store;
        int dirfd; /* dir, open (the caller closes it) */
};

/* A name (the machines directory, created when create_store) or a path (anything with a '/').
 * Logs. */
int image_ref_parse(void *ctx, const char *arg, bool create_store, struct image_ref *ret);

/* Whether the tree exists (as a directory, not followed when it is a link). */
bool image_exists(const struct image_ref *r);

/* Take the registry's lock on the tree: shared (a clone: read-only runs may go on) or exclusive
 * (remove, rename). A tree in use is refused with one line naming what to do (verb for the
 * message). Returns the lock fd, -EBADF when there is no registry to ask (nothing can be
 * running then), or a logged -errno. */
int image_lock(const struct image_ref *r, bool shared, const char *verb);

/* Create dir/.#NAME.XXXXXX (mode 0700), locked; returns its fd, its name in *ret_name. Logs. */
int image_tmp_create(void *ctx, int dirfd, const char *dir, const char *name, char **ret_name);

/* Remove the ".#" temporaries of dead clones and imports in the directory (only those named
 * .#prefix... when prefix is given). Returns how many were removed. */
int image_sweep_stale(int dirfd, const char *dir, const char *prefix);
