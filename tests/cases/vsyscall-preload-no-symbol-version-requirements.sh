#!/bin/bash
# libuspawn-vsyscall.so, like the copy-on-write shim, needs no library and no symbol version, its
# undefined symbols are ones every glibc since 2.2.5 and musl define, it exports exactly the
# sigaction/signal family it interposes, and it has DT_HASH for pre-2.5 dynamic linkers.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"
command -v readelf >/dev/null || skip "readelf is not installed (binutils)"

dyn=$(readelf -d "$VSYS_LIB")
assert_not_contains "$dyn" "(NEEDED)" "dynamic section"
assert_not_contains "$dyn" "TEXTREL" "dynamic section"
assert_contains "$dyn" "(HASH)" "dynamic section"
assert_not_contains "$(readelf -S "$VSYS_LIB")" ".gnu.version" "sections"
assert_contains "$(readelf -V "$VSYS_LIB")" "No version information found" "readelf -V"

undefined=$(readelf --dyn-syms -W "$VSYS_LIB" | awk '$7 == "UND" && $8 != "" { print $8 }' | sort | tr '\n' ' ')
assert_eq "__errno_location dl_iterate_phdr environ " "$undefined" "undefined symbols"
exported=$(readelf --dyn-syms -W "$VSYS_LIB" | awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && $5 != "LOCAL" && $8 != "" { print $8 }' | sort | tr '\n' ' ')
assert_eq "__sigaction __sysv_signal bsd_signal sigaction signal ssignal sysv_signal " "$exported" "exported symbols"
