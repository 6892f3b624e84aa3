#!/bin/bash
# The engine follows the container's PID 1 itself (--as-pid2=no), not only its descendants.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
out=$(run_emulated "$T/root" --as-pid2=no vsys check) || fail "vsys as PID 1 failed: $out"
assert_contains "$out" "vsys: pid 1," "vsys ran as PID 1"
assert_contains "$out" "vsys: OK" "results match"
assert_eq 2 "$(emulated_count "$out" time)" "time() calls answered for PID 1"
