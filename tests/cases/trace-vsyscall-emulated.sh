#!/bin/bash
# Under --backend=trace the tracer answers vsyscall entries too (the shared engine of
# supervise/vsyscall-emulate.c): time, gettimeofday and getcpu give the system calls' values
# (test page of tests/lib/vsyscall.sh), and --vsyscall=native leaves the fault to kill the caller.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
out=$(run_emulated "$T/root" --backend=trace vsys check) || fail "vsys check under emulation failed: $out"
assert_contains "$out" "vsys: OK" "results match the system calls"
assert_eq 2 "$(emulated_count "$out" time)" "time() calls answered by the tracer"
assert_eq 3 "$(emulated_count "$out" gettimeofday)" "gettimeofday() calls answered"
assert_eq 2 "$(emulated_count "$out" getcpu)" "getcpu() calls answered"
assert_status 139 "vsys on the test page with --vsyscall=native" -- \
	"$USPAWN" -q --backend=trace -D "$T/root" --vsyscall=native -E VSYS_PAGE=$VSYS_TEST_PAGE vsys check
