#!/bin/bash
# Only files under a protected prefix are copied: a shared file elsewhere is written in place
# (both names see the write), as is one under USPAWN_COW_EXCLUDE; an unset USPAWN_COW_PATH
# protects nothing; fl-cow's FLCOW_PATH is honoured; several prefixes are colon-separated.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

mkdir -p "$T/other" "$T/prot/skip" "$T/two"
shared() { printf original >"$T/src/$1"; ln "$T/src/$1" "$2"; }
shared out "$T/other/out"
cow_run bash -c 'echo x >>"$1"' - "$T/other/out"
assert_eq "originalx" "$(cat "$T/src/out")" "outside the prefix: written in place"

shared ex "$T/prot/skip/ex"
LD_PRELOAD=$COW_LIB USPAWN_COW_PATH=$T/prot USPAWN_COW_EXCLUDE=$T/prot/skip bash -c 'echo x >>"$1"' - "$T/prot/skip/ex"
assert_eq "originalx" "$(cat "$T/src/ex")" "excluded: written in place"

shared none "$T/prot/none"
LD_PRELOAD=$COW_LIB bash -c 'echo x >>"$1"' - "$T/prot/none"
assert_eq "originalx" "$(cat "$T/src/none")" "no USPAWN_COW_PATH: written in place"

cow_pair fl original
LD_PRELOAD=$COW_LIB FLCOW_PATH=$T/prot/ bash -c 'echo x >>"$1"' - "$T/prot/fl"
assert_cow_broken fl "original""x" "FLCOW_PATH"

shared two "$T/two/two"
cow_pair one original
LD_PRELOAD=$COW_LIB USPAWN_COW_PATH=/nonexistent::$T/two:$T/prot bash -c 'echo x >>"$1"; echo x >>"$2"' - "$T/two/two" "$T/prot/one"
assert_eq original "$(cat "$T/src/two")" "second of several prefixes"
assert_cow_broken one "original""x" "third of several prefixes"
