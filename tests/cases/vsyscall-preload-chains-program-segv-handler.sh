#!/bin/bash
# A program that installs its own SIGSEGV handler under libuspawn-vsyscall.so gets its real
# faults (with their address) while its vsyscall calls are still answered: the library records
# the program's action and keeps its own handler installed.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

out=$(run_preloaded segv-handler) || fail "vsys segv-handler failed under the library: $out"
assert_contains "$out" "handler read back: the program's" "sigaction() reads back the program's own handler"
assert_contains "$out" "handler: SIGSEGV code 1 addr 0x10" "the program's handler got the real fault"
assert_contains "$out" "vsys: OK" "calls answered with the handler installed"
assert_eq 2 "$(preload_count "$out" time)" "time() calls answered"
