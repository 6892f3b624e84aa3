/* The safe unpacker: writes libarchive entries into a tree (an image being imported) so that no
 * entry can reach outside it, keeping hard links, symbolic links, modes, setuid bits, xattrs and
 * times; applies OCI whiteouts when asked; writes owners the user namespace maps and records the
 * rest, with the device nodes it skips. */
#pragma once

#include <archive.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "image/pathmap.h"
#include "image/progress.h"
#include "image/userns.h"

struct dir_fixup;

struct unpack {
        void *ctx;     /* what lives as long as the unpacker */
        void *scratch; /* what one entry needs */
        int rootfd;
        bool whiteouts; /* entries named .wh.* are OCI whiteouts */
        const struct image_ids *ids;
        struct pathmap *layer;   /* paths the current archive wrote (whiteouts spare them) */
        struct pathmap *records; /* path → struct owner_record: owners not written, devices skipped */
        struct dir_fixup *fixups;
        size_t n_fixups, max_fixups;
        char *cached_dir; /* the last parent directory resolved, and its O_PATH fd */
        int cached_fd;
        unsigned xattr_failures;
        char *xattr_failure; /* the first, for the summary */
        bool absolute_noticed;
        struct progress progress;
        /* how the next entry is read: archive_read_next_header unless set (import-fs) */
        int (*next_entry)(struct archive *a, struct archive_entry **ret, void *userdata);
        void *next_userdata;
};

/* Prepare to unpack into rootfd (which stays the caller's). */
int unpack_init(struct unpack *u, void *ctx, int rootfd, const struct image_ids *ids, bool whiteouts);

/* Write every entry of a (as one layer); source names the archive in messages. Each failure is
 * reported once, naming the entry. Returns 0 or -errno (-EINTR when interrupted). */
int unpack_archive(struct unpack *u, struct archive *a, const char *source, const char *label);

/* After the last archive: directories' final modes and times, a notice for xattrs that could
 * not be kept. */
int unpack_finish(struct unpack *u);

/* Whether there is anything for the ownership record. */
bool unpack_has_records(const struct unpack *u);
/* Put the records on the files as ownership xattrs (records_apply_to_tree). */
int unpack_apply_records(struct unpack *u);
/* Write the record (owners not applied, device nodes skipped) as text to f. */
int unpack_write_records(struct unpack *u, FILE *f);

void unpack_done(struct unpack *u);
