#!/bin/bash
# Only private mappings are patched. A site in a MAP_SHARED mapping of a file keeps trapping and
# its bytes (the file's) stay as they were; a site in a private mapping of a sealed, read-only
# file is patched in the process's own copy of the page while the file stays unchanged.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
out=$(run_emulated "$T/root" vsys patch 30 shared) || fail "vsys patch shared failed: $out"
assert_contains "$out" "30 calls of each entry (shared, mov32), 0 wrong" "results from a shared mapping"
assert_eq 30 "$(emulated_count "$out" time)" "every call from the shared mapping trapped"
assert_eq 0 "$(patched_count "$out")" "nothing patched in a shared mapping"
assert_contains "$out" "a shared mapping" "the reason, in the debug log"
assert_contains "$out" "site time: unchanged" "shared site's bytes"
assert_contains "$out" "file: unchanged" "shared file's bytes"
out=$(run_emulated "$T/root" vsys patch 30 file) || fail "vsys patch file failed: $out"
assert_eq 1 "$(emulated_count "$out" time)" "a private file mapping traps once"
assert_contains "$out" "site time: patched" "its private copy was patched"
assert_contains "$out" "file: unchanged" "the file under it was not"
