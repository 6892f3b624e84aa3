#!/bin/bash
# Every thread of a multi-threaded program is followed: 4 threads calling time() and
# gettimeofday() 50 times each all get answers, and the right ones.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
out=$(run_emulated "$T/root" vsys threads 4 50) || fail "vsys threads failed: $out"
assert_contains "$out" "threads: 4 x 50 calls, 0 wrong" "every thread's results"
assert_eq 202 "$(emulated_count "$out" time)" "time() calls answered (4 x 50 + check's 2)"
tids=$(sed -n 's/.*emulated time() for PID \([0-9]*\)$/\1/p' <<<"$out" | sort -u | wc -l)
[ "$tids" -ge 4 ] || fail "answered for $tids threads, expected at least 4"
