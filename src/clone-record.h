/* How a tree came to be: a record beside it (TREE.clone, like TREE.nspawn) written by
 * `uspawnctl clone`, read by uspawn to know whether the tree shares inodes with another one and
 * must be protected (a hard-link clone) when it runs. */
#pragma once

#include <stddef.h>

enum clone_method {
        CLONE_METHOD_NONE,     /* no record: an ordinary tree */
        CLONE_METHOD_REFLINK,  /* FICLONE: data shared by the filesystem, nothing to protect */
        CLONE_METHOD_HARDLINK, /* files hard-linked to SOURCE: writes must break links first */
        CLONE_METHOD_COPY,     /* a full copy */
        _CLONE_METHOD_MAX,
};

const char *clone_method_to_string(enum clone_method m);
enum clone_method clone_method_from_string(const char *s); /* _CLONE_METHOD_MAX when unknown */

/* TREE.clone for a tree path (a trailing slash is ignored); -ENAMETOOLONG if it does not fit. */
int clone_record_path(const char *tree, char *buf, size_t size);

/* Write the record atomically (temporary, then rename). */
int clone_record_write(const char *tree, enum clone_method m, const char *source);

/* CLONE_METHOD_NONE with 0 when there is no record; -EBADMSG when it cannot be understood.
 * ret_source (optional) receives the source path, allocated on ctx. */
int clone_record_read(void *ctx, const char *tree, enum clone_method *ret_method, char **ret_source);
