/* Opening tar archives (any compression libarchive knows) from a file or stdin, with reads that
 * give up when the import is interrupted. */
#pragma once

#include <archive.h>

/* A reader for the tar archive at path ("-": stdin); source is set to the name for messages.
 * Logs and returns NULL on failure. */
struct archive *archive_open_tar(void *ctx, const char *path, const char **ret_source);

/* The same for an open fd, which the reader then owns (closes). */
struct archive *archive_open_tar_fd(void *ctx, int fd, const char *source);

void archive_freep(struct archive **a);
#define _cleanup_archive_ __attribute__((cleanup(archive_freep)))
