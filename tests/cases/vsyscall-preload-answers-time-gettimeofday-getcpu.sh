#!/bin/bash
# libuspawn-vsyscall.so alone (LD_PRELOAD, no uspawn) answers calls of the page's three entries
# from the program's own SIGSEGV handler: results as the system calls', NULL pointers honoured,
# in every thread, and again in a forked child's exec of the program.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

out=$(run_preloaded check) || fail "vsys check failed under the library: $out"
assert_contains "$out" "vsys: OK" "results"
assert_eq 2 "$(preload_count "$out" time)" "time() calls answered"
assert_eq 3 "$(preload_count "$out" gettimeofday)" "gettimeofday() calls answered"
assert_eq 2 "$(preload_count "$out" getcpu)" "getcpu() calls answered"

out=$(run_preloaded threads 4 200) || fail "vsys threads failed under the library: $out"
assert_contains "$out" "threads: 4 x 200 calls, 0 wrong" "threads"
assert_eq 802 "$(preload_count "$out" time)" "time() calls answered in 4 threads"

out=$(run_preloaded fork-exec) || fail "vsys fork-exec failed under the library: $out"
assert_eq 2 "$(grep -c "vsys: OK" <<<"$out")" "the exec'ed child and the parent both answered"
pids=$(grep -o 'uspawn-vsyscall\[[0-9]*\]: emulated time' <<<"$out" | sort -u | wc -l)
assert_eq 2 "$pids" "processes whose calls were answered"
