/* The ownership store of a fake root: the owner, group, permission bits and (for device nodes,
 * FIFOs and sockets kept as regular placeholder files) the type and device number a file has
 * inside the container, recorded in a user xattr on the file itself. Backend-neutral: the
 * userns root emulation, the trace backend's fake root and image import share it. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

/* containers/storage's attribute, which fuse-overlayfs (-o xattr_permissions=2) reads as
 * "%d:%d:%o" (uid:gid:perm, its type kept from the real file): a tree recorded here shows the
 * same owners through fuse-overlayfs. The optional fourth field is containers/storage's type
 * ("file", "dir", "symlink", "pipe", "socket", "char-MAJ-MIN", "block-MAJ-MIN"); it matters
 * only where it differs from the real file's type (a placeholder). Kept on the file, the record
 * follows renames and hard links, and a reused inode number cannot inherit it. */
#define OWNERSHIP_XATTR "user.containers.override_stat"

/* The guest's nobody: what any host id but the user's own shows as (as through a user
 * namespace that maps only the user). */
#define FAKEROOT_OVERFLOW_ID 65534

struct ownership {
        uint32_t uid, gid;
        mode_t mode; /* type and permission bits, as st_mode */
        dev_t rdev;  /* character and block devices */
};

/* Format o as the attribute's value; returns the length or -ENOBUFS. */
int ownership_format(const struct ownership *o, char *buf, size_t size);

/* Parse a value; real_mode is the file's real st_mode, whose type stands unless the value
 * names another. -EINVAL for a malformed value. */
int ownership_parse(const char *value, size_t len, mode_t real_mode, struct ownership *ret);

/* The record of the file fd refers to (O_PATH descriptors too): 0, -ENODATA when it has none
 * (symlinks never do: Linux keeps user xattrs off them), -ENOTSUP where the file system keeps
 * no user xattrs, other -errno. real is the file's stat. */
int ownership_get(int fd, const struct stat *real, struct ownership *ret);

/* Whether the file fd refers to has a record it can read without changing anything (false
 * for a file without read permission, which ownership_get would open up for a moment). One
 * getxattr of the value's size. */
bool ownership_present(int fd);

/* Record o on the file fd refers to; a record that says nothing the real file does not (root's
 * ids, the real type) is removed instead. -ENOTSUP where user xattrs cannot be written. */
int ownership_set(int fd, const struct stat *real, const struct ownership *o);

/* Whether a file of this real type can carry a record: Linux keeps user xattrs only on regular
 * files and directories (a symlink, FIFO, socket or device node, a pty included, refuses them:
 * its owner is not kept, and changing it succeeds without effect). */
static inline bool ownership_storable(mode_t real_mode)
{
        return S_ISREG(real_mode) || S_ISDIR(real_mode);
}

/* Overlay a record on stat results. */
void ownership_apply_stat(const struct ownership *o, struct stat *st);
struct statx;
void ownership_apply_statx(const struct ownership *o, struct statx *stx);
