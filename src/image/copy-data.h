/* Copying one file's contents and extended attributes between two open fds: a reflink when asked
 * (FICLONE), else the data ranges only (SEEK_DATA/SEEK_HOLE) so holes stay holes. Library code:
 * returns -errno, never logs. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* Share in's data with out (FICLONE). -EOPNOTSUPP, -EXDEV, -EINVAL when the filesystem cannot. */
int copy_reflink(int in, int out);

/* Copy in's data (size bytes) into out (empty), skipping holes. tick (optional) is called with
 * the bytes written so far in chunks and may stop the copy by returning < 0. */
int copy_data(int in, int out, off_t size, int (*tick)(uint64_t bytes, void *userdata), void *userdata);

/* Copy the extended attributes of in to out (both fds, or with names: nofollow on links).
 * Returns 0, or the -errno of the first attribute that could not be written; ret_failed counts
 * those, ret_first_failed names the first (static storage of the caller's choosing: a buffer). */
int copy_xattrs(int in, int out, unsigned *ret_failed, char *first_failed, size_t first_size);
