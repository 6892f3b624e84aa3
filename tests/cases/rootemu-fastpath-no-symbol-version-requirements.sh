#!/bin/bash
# libuspawn-ids.so, the root emulation's stat fast path, loads into programs of any libc era as
# the COW shim does: no DT_NEEDED, no symbol version at all (nothing newer than GLIBC_2.2.5),
# only __errno_location and environ undefined, DT_HASH for dynamic linkers before glibc 2.5,
# and exactly the stat family (each generation's spelling) and the directory stream API exported.
. "$(dirname "$0")/../lib/common.sh"
command -v readelf >/dev/null || skip "readelf is not installed (binutils)"
lib=$BUILD/libuspawn-ids.so
[ -f "$lib" ] || fail "$lib not built (make)"

dyn=$(readelf -d "$lib")
assert_not_contains "$dyn" "(NEEDED)" "dynamic section"
assert_not_contains "$dyn" "TEXTREL" "dynamic section"
assert_contains "$dyn" "(HASH)" "dynamic section"
assert_not_contains "$(readelf -S "$lib")" ".gnu.version" "sections"
assert_contains "$(readelf -V "$lib")" "No version information found" "readelf -V"
undefined=$(readelf --dyn-syms -W "$lib" | awk '$7 == "UND" && $8 != "" { print $8 }' | sort | tr '\n' ' ')
assert_eq "__errno_location environ " "$undefined" "undefined symbols"
exported=$(readelf --dyn-syms -W "$lib" | awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && $5 != "LOCAL" && $8 != "" { print $8 }' | sort | tr '\n' ' ')
want="__fxstat __fxstat64 __fxstatat __fxstatat64 __lxstat __lxstat64 __xstat __xstat64"
want="$want closedir dirfd fdopendir fstat fstat64 fstatat fstatat64 lstat lstat64 opendir readdir readdir64"
want="$want readdir64_r readdir_r rewinddir seekdir stat stat64 statx telldir "
assert_eq "$want" "$exported" "exported symbols"
