#!/bin/bash
# libuspawn-ids.so, the root emulation's stat fast path, loads into programs of any libc era as
# the COW shim does: no DT_NEEDED, no symbol version at all (nothing newer than GLIBC_2.2.5),
# only __errno_location and environ undefined, DT_HASH for dynamic linkers before glibc 2.5,
# and exactly the stat family (each generation's spelling) and the directory stream API exported.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/shim-symbols.sh"

want="__fxstat __fxstat64 __fxstatat __fxstatat64 __lxstat __lxstat64 __xstat __xstat64"
want="$want closedir dirfd fdopendir fstat fstat64 fstatat fstatat64 lstat lstat64 opendir readdir readdir64"
want="$want readdir64_r readdir_r rewinddir seekdir stat stat64 statx telldir"
assert_shim_symbols "$BUILD/libuspawn-ids.so" "__errno_location environ" "$want"
