#!/bin/bash
# A jump into the page that is not an entry is not emulated: the fault reaches the guest
# unchanged and kills it (exit 139), as the kernel's emulation would.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
st=0
out=$(run_emulated "$T/root" vsys misaligned) || st=$?
assert_eq 139 "$st" "exit status of a misaligned call"
assert_not_contains "$out" "returned" "the misaligned call never returns"
assert_contains "$out" "0 calls emulated" "nothing was emulated"
