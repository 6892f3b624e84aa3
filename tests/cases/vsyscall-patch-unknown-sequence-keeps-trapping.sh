#!/bin/bash
# A call whose bytes are not exactly a known sequence (here a nop between the mov and the call,
# and vsys's own mov page_base(%rip),%rax; add %rcx,%rax; call *%rax) is never patched: every
# call traps and is answered.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
out=$(run_emulated "$T/root" vsys patch 40 anon nomatch) || fail "vsys patch nomatch failed: $out"
assert_contains "$out" "patch: 40 calls of each entry (anon, nomatch), 0 wrong" "results"
assert_eq 40 "$(emulated_count "$out" time)" "every time() call trapped"
assert_eq 40 "$(emulated_count "$out" getcpu)" "every getcpu() call trapped"
assert_eq 0 "$(patched_count "$out")" "nothing patched"
assert_contains "$out" "site time: unchanged" "the site's bytes"
out=$(run_emulated "$T/root" vsys check) || fail "vsys check failed: $out"
assert_contains "$out" "0 call sites patched" "vsys's computed call is left alone"
assert_eq 2 "$(emulated_count "$out" time)" "both time() calls trapped"
