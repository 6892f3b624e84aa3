#!/bin/bash
# A guest with its own SIGSEGV handler still receives its real faults (with their address), and
# its vsyscall calls are still answered while the handler is installed.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
out=$(run_emulated "$T/root" vsys segv-handler) || fail "vsys segv-handler failed: $out"
assert_contains "$out" "handler: SIGSEGV code 1 addr 0x10" "the guest's handler got the real fault"
assert_contains "$out" "vsys: OK" "calls answered with the handler installed"
assert_eq 2 "$(emulated_count "$out" time)" "time() calls answered"
