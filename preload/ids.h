/* libuspawn-ids.so's internal interface: the stat family answered in-process under uspawn's
 * root emulation (see README). The core speaks -errno; only ids-hooks.c touches errno. */
#pragma once

#include <linux/stat.h>

#include "cow.h" /* sys.h and the shared helpers of util.c */
#include "../src/fakeroot/fastpath.h"

#ifndef AT_SYMLINK_NOFOLLOW
#define AT_SYMLINK_NOFOLLOW 0x100
#endif
#ifndef __NR_getxattrat
#define __NR_getxattrat 464
#endif

/* ids-record.c: whether the fast path is on in this process: the emulation's filter answers
 * the probe (and USPAWN_IDS_OFF is not set). Asked once, at the first stat. */
HIDDEN int ids_active(void);

/* The statx of (dirfd, path, flags) with the file's ownership record laid over it, as the
 * supervisor would answer it (fakeroot/calls-files.c): one marked statx that the filter lets
 * through, one getxattr for directories and regular files (no other file can carry a user
 * xattr). Where this side cannot read the record faithfully, the unmarked call goes to the
 * supervisor. path NULL: fstat of dirfd. Dormant (ids_active() false): the plain statx. */
HIDDEN int ids_statx(int dirfd, const char *path, int flags, unsigned mask, struct statx *stx);

/* The file type of fd (stx_mode), by a marked statx when the fast path is on: fdopendir's
 * check, which needs no owner. */
HIDDEN int ids_statx_type(int fd, struct statx *stx);
