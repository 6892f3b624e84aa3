/* chown(2)'s and chmod(2)'s rules under fake root, shared by the seccomp-notify emulation and the trace
 * backend: who may change what, and the set-id bits a change of owner clears. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "fakeroot/creds.h"
#include "fakeroot/ownership.h"

/* Apply chown(uid, gid) (FAKE_ID_INVALID: unchanged) by k to the file open at fd, whose stat is
 * st and recorded ownership o: -EPERM when k may not; 0 when nothing changes; 1 when o (and
 * st, for the set-id bits cleared on the file itself) now hold the result to record. */
int fake_chown(const struct fake_creds *k, int fd, struct stat *st, struct ownership *o, uint32_t uid, uint32_t gid);

/* chmod(mode) by k of the file open at fd (any descriptor, O_PATH too), whose stat is st and
 * ownership o (recorded: o is the file's record, else root's): -EPERM when k may not; else the
 * file's mode is changed for real and, when recorded, the record's mode with it (the record is
 * what fuse-overlayfs and other readers of the attribute show), st and o updated. */
int fake_chmod(const struct fake_creds *k, int fd, struct stat *st, struct ownership *o, bool recorded, mode_t mode);
