#!/bin/bash
# A vsyscall on a pointer the guest cannot write raises the SIGSEGV the kernel raises, at the
# entry, and the guest's handler sees the same signal code and address from the engine as from
# this host's kernel (which emulates the real page in xonly and emulate modes).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
out=$(run_emulated "$T/root" vsys bad-pointer) || fail "vsys bad-pointer failed: $out"
assert_contains "$out" "vsys: OK" "calls work again after the faults"
assert_contains "$out" "3 faults delivered" "the supervisor delivered three SIGSEGVs"
ours=$(grep -E '^(time|gettimeofday)\(' <<<"$out" | sed 's/ at 0x.*//')
case $(grep -F '[vsyscall]' /proc/self/maps) in
*r-xp* | *--xp*)
	native=$("$VSYS" bad-pointer | grep -E '^(time|gettimeofday)\(' | sed 's/ at 0x.*//') ||
		fail "vsys bad-pointer natively"
	assert_eq "$native" "$ours" "signal code and address, kernel vs engine"
	;;
*) echo "this kernel has no vsyscall page: no native run to compare with" ;;
esac
