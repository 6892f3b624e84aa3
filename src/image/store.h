/* Where named machines live ($XDG_DATA_HOME/uspawn/machines) and how an import puts one there:
 * unpacked into a hidden temporary beside the final name, renamed only when complete, and
 * removed on any error or interruption. */
#pragma once

#include <stdbool.h>
#include <stdio.h>

#include "image/unpack.h"
#include "image/userns.h"

/* The machines directory ($XDG_DATA_HOME/uspawn/machines, else ~/.local/share/...). */
char *store_machines_dir(void *ctx);

/* A machine name from a file or directory name: its last component without an archive
 * suffix (.tar, .tar.gz, .tgz, ...), characters a hostname cannot have replaced by '-'. */
char *store_name_from_path(void *ctx, const char *path);

struct import {
        void *ctx;
        char *dir;  /* the machines directory */
        int dirfd;  /* ... open */
        char *name; /* the final name */
        char *tmp;  /* the temporary tree's name in dir */
        int rootfd; /* the temporary tree */
        struct image_ids ids;
        struct unpack unpack;
        char *settings; /* NAME.nspawn text to write beside the tree, or NULL */
        bool committed;
};

/* Check the name (valid, not taken), enter the importer's user namespace, catch SIGINT/SIGTERM
 * and make the temporary tree. Logs. */
int import_begin(void *ctx, const char *name, bool whiteouts, struct import **ret);

/* Finish the tree (directory modes and times), write NAME.owners and NAME.nspawn when there is
 * something to say, and rename the tree to its name. Logs. */
int import_commit(struct import *im);

/* Remove the temporary tree unless committed (an error, an interruption). */
void import_freep(struct import **im);
#define _cleanup_import_ __attribute__((cleanup(import_freep)))

/* A hidden scratch directory beside the machines (for a docker archive's contents), removed
 * with the import. */
int import_scratch_dir(struct import *im, char **ret_path);
