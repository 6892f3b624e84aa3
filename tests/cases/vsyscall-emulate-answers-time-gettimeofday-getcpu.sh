#!/bin/bash
# With --vsyscall=emulate the supervisor answers each entry of the page (time, gettimeofday,
# getcpu) with the values the real system calls give, NULL pointers included, and says so in its
# debug log once per call (see tests/lib/vsyscall.sh for the test page).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
out=$(run_emulated "$T/root" vsys check) || fail "vsys check under emulation failed: $out"
assert_contains "$out" "vsys: OK" "results match the system calls"
# check makes 2 time, 3 gettimeofday (one with NULL, NULL) and 2 getcpu calls
assert_eq 2 "$(emulated_count "$out" time)" "time() calls answered by the supervisor"
assert_eq 3 "$(emulated_count "$out" gettimeofday)" "gettimeofday() calls answered"
assert_eq 2 "$(emulated_count "$out" getcpu)" "getcpu() calls answered"
# without the engine the same program dies at its first call
assert_status 139 "vsys on the test page with --vsyscall=native" -- \
	"$USPAWN" -q -M "vsys-$$-native" -D "$T/root" --vsyscall=native -E VSYS_PAGE=$VSYS_TEST_PAGE vsys check
