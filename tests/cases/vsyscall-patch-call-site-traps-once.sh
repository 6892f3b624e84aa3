#!/bin/bash
# After the first trap from a call site the supervisor redirects the site to the guest's vDSO:
# 20,000 calls of each entry through glibc's exact sequence (mov $imm32,%rax; call *%rax, reached
# through a trampoline page below 2 GiB) and through the movabs form (the vDSO's address written
# into the immediate) trap once per site, not once per call, and the results stay right (close
# to the system calls', gettimeofday monotonic). USPAWN_VSYSCALL_PATCH=0 keeps every call trapping.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
for form in mov32 movabs; do
	out=$(run_emulated "$T/root" vsys patch 20000 anon $form) || fail "vsys patch ($form) failed: $out"
	assert_contains "$out" "patch: 20000 calls of each entry (anon, $form), 0 wrong" "results through patched sites"
	for call in time gettimeofday getcpu; do
		assert_eq 1 "$(emulated_count "$out" $call)" "$form: $call() traps (one per site)"
		assert_contains "$out" "site $call: patched" "$form: the $call() site's bytes changed"
	done
	assert_eq 3 "$(patched_count "$out")" "$form: call sites patched"
	assert_contains "$out" "3 call sites patched" "$form: the supervisor's summary"
done
assert_contains "$out" "call __vdso_time at" "the site now calls the vDSO's time()"
# glibc's 32-bit form went through one trampoline, mapped once for all three sites
out=$(run_emulated "$T/root" vsys patch 10 anon mov32)
assert_eq 1 "$(grep -c 'mapped a trampoline' <<<"$out")" "trampolines mapped"
assert_eq 3 "$(grep -c 'through the trampoline' <<<"$out")" "sites patched through it"
# the trap path alone, on demand
out=$(USPAWN_VSYSCALL_PATCH=0 run_emulated "$T/root" vsys patch 50 anon mov32) ||
	fail "vsys patch with USPAWN_VSYSCALL_PATCH=0 failed: $out"
assert_eq 50 "$(emulated_count "$out" time)" "every call traps without patching"
assert_contains "$out" "site time: unchanged" "nothing patched"
