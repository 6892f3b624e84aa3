#!/bin/bash
# Under libuspawn-vsyscall.so, a call whose pointer cannot be written raises SIGSEGV at the entry
# as the kernel's emulation does (si_code SI_KERNEL for an unwritable user page, SEGV_MAPERR with
# the address for a kernel address), the program's handler gets it, and calls keep working; a
# jump into the page that is not an entry, and a real fault without a handler, kill with SIGSEGV.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

out=$(run_preloaded bad-pointer) || fail "vsys bad-pointer failed under the library: $out"
assert_contains "$out" "time(read-only page): SIGSEGV code 128 addr (nil) at 0x5a5a0400" "unwritable page"
assert_contains "$out" "time(unmapped 8): SIGSEGV code 128 addr (nil) at 0x5a5a0400" "unmapped address"
assert_contains "$out" "gettimeofday(kernel address): SIGSEGV code 1 addr 0xffff880000000000 at 0x5a5a0000" \
	"kernel address"
assert_contains "$out" "vsys: OK" "calls afterwards"

for mode in misaligned crash; do
	st=0
	out=$(run_preloaded $mode) || st=$?
	assert_eq 139 "$st" "exit status of vsys $mode under the library"
	assert_eq 0 "$(preload_count "$out" '[a-z]*')" "calls answered in vsys $mode"
done
