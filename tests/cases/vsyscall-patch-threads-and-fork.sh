#!/bin/bash
# Patching a multi-threaded process: 4 threads call time() and gettimeofday() through the same
# sites while they are patched (the other threads are stopped for the write), every result is
# right, and each site is patched once. A child forked afterwards inherits the patched sites and
# calls the vDSO without a trap; the program it execs starts unpatched and traps once per site.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
out=$(run_emulated "$T/root" vsys patch-threads 4 5000) || fail "vsys patch-threads failed: $out"
assert_contains "$out" "patch-threads: 4 x 5000 calls of each entry, 0 wrong" "threads' results"
assert_contains "$out" "site time: patched" "the shared site was patched"
child=$(sed -n 's/^patch-threads: child \([0-9]*\): 5000 calls of each entry, 0 wrong$/\1/p' <<<"$out")
[ -n "$child" ] || fail "the forked child's calls: $out"
assert_contains "$out" "patch: 10 calls of each entry (anon, mov32), 0 wrong" "the exec'd program's results"
# traps: at most one per site and thread racing to it in the parent, one per site after exec
n=$(emulated_count "$out" time)
[ "$n" -ge 2 ] && [ "$n" -le 5 ] || fail "time() traps: $n, expected 1 to 4 in the parent and 1 after exec: $out"
assert_eq 6 "$(patched_count "$out")" "sites patched: 3 before the fork, 3 after the exec"
