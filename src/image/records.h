/* The ownership record of an image: the owners the import could not write (no subordinate id
 * range, or ids beyond it) and the device nodes it skipped, kept beside the tree as NAME.owners
 * so a fake root (the trace backend's) or a later import with a range can apply them. */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "image/pathmap.h"

struct owner_record {
        mode_t type; /* S_IFREG, S_IFDIR, ... as libarchive's AE_IF* */
        uint32_t uid, gid;
        mode_t perm;
        dev_t rdev; /* devices */
};

/* Record path's owner (or device); replaces an earlier record of the same path. */
int records_add(struct pathmap *m, const char *path, mode_t type, uint32_t uid, uint32_t gid, mode_t perm,
                dev_t rdev);
/* The path now has root's ids (or ids written for real): drop its record. */
int records_forget(struct pathmap *m, const char *path);
/* A hard link shares its target's owner. */
int records_copy(struct pathmap *m, const char *from, const char *to);

/* Write the records whose path still exists under rootfd (devices always), sorted, in the text
 * form: a comment header, then "TYPE UID GID MODE [MAJOR MINOR] PATH" with \\, \n, \t escaped
 * in PATH. Returns the number written or -errno. */
int records_write(struct pathmap *m, int rootfd, FILE *f);

/* Put the records on the files themselves too, as the root emulation's ownership xattrs
 * (fakeroot/ownership.h): a container with only root mapped then shows these owners, and
 * device nodes as empty placeholder files. Best effort: a file that takes no user xattr keeps
 * only its NAME.owners line. Returns the number applied. */
int records_apply_to_tree(struct pathmap *m, int rootfd);
