/* Cloning a directory tree into another (empty) one for `uspawnctl clone`: reflinked, hard-linked
 * or copied files, with modes, owners (as far as they can be written), times, symbolic links,
 * xattrs, holes, set-id bits and the source's own hard links kept. The walk goes through
 * directory fds only and never follows a symbolic link in the source. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "clone-record.h"
#include "image/progress.h"

struct pathmap;

struct clone_tree {
        /* in */
        enum clone_method method; /* CLONE_METHOD_NONE: the cheapest that works (auto) */
        const char *source;       /* for messages */
        bool (*interrupted)(void);
        /* out: what was done */
        enum clone_method used; /* what the files got (hardlink even if a few were copied) */
        uint64_t entries, bytes;
        uint64_t linked, reflinked, copied; /* regular files */
        uint64_t link_fallbacks;            /* files a hard-link clone had to copy (EPERM, EXDEV) */
        uint64_t devices_skipped, owners_kept_ours, xattr_failures;
        uint64_t lent; /* entries of the user's own lent u+r to be read (no user namespace) */
        char first_device[256], first_owner[256], first_xattr[256];
        /* private */
        struct progress progress;
        uint64_t file_bytes;    /* of the file being copied */
        struct pathmap *inodes; /* "dev:ino" -> the first copy's path (the source's hard links) */
        void *ctx;
        int dst_root;
};

/* Clone the tree srcfd into the empty directory dstfd (its own metadata too, last). Errors are
 * logged, naming the entry. Returns 0 or -errno (-EINTR when interrupted). */
int clone_tree(struct clone_tree *c, int srcfd, int dstfd, const char *label);
