#!/bin/bash
# libuspawn-cow.so needs no library (no DT_NEEDED) and no symbol version at all (no
# .gnu.version_r: nothing newer than GLIBC_2.2.5, indeed nothing), its few undefined symbols are
# ones every glibc since 2.2.5 and musl define, it exports exactly the hooks, and it carries a
# DT_HASH table for dynamic linkers that predate DT_GNU_HASH (glibc < 2.5).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"
. "$(dirname "$0")/../lib/shim-symbols.sh"

want="__open64_2 __open_2 __openat64_2 __openat_2 chmod chown creat creat64 fchmod fchmodat fchown fchownat"
want="$want fopen fopen64 fremovexattr freopen freopen64 fsetxattr ftruncate ftruncate64 futimens futimes"
want="$want futimesat lchown lremovexattr lsetxattr lutimes open open64 openat openat64"
want="$want posix_spawn_file_actions_addopen removexattr"
want="$want setxattr truncate truncate64 utime utimensat utimes"
assert_shim_symbols "$COW_LIB" "__errno_location dl_iterate_phdr environ fdopen fileno" "$want"
