#!/bin/bash
# uspawn --vsyscall=preload binds libuspawn-vsyscall.so read-only into /run/host and preloads
# it, so a dynamic program's calls are answered inside it, with no tracer: the supervisor
# emulates nothing, its own SIGSEGV handler still gets real faults, and a jump into the page
# that is not an entry still kills it (139).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

out=$(run_preload_uspawn --vsyscall=preload check) || fail "vsys check failed under --vsyscall=preload: $out"
assert_contains "$out" "vsys: OK" "results"
assert_eq 2 "$(preload_count "$out" time)" "time() calls answered in-process"
assert_eq 0 "$(emulated_count "$out" time)" "time() calls answered by the supervisor"
assert_not_contains "$out" "vsyscall: emulating the page" "supervisor's tracer"

out=$("$USPAWN" -q -M "vsys-$$-$RANDOM" -D "$(bookworm_rootfs)" --read-only --vsyscall=preload sh -c \
	'echo "LD_PRELOAD=$LD_PRELOAD"; grep " /run/host/uspawn/libuspawn-vsyscall.so " /proc/self/mountinfo' \
	</dev/null 2>&1) || fail "inspecting the run failed: $out"
assert_contains "$out" "LD_PRELOAD=/run/host/uspawn/libuspawn-vsyscall.so" "LD_PRELOAD"
assert_contains "$out" " ro," "the library's bind (read-only)"

out=$(run_preload_uspawn --vsyscall=preload segv-handler) || fail "vsys segv-handler failed: $out"
assert_contains "$out" "handler: SIGSEGV code 1 addr 0x10" "the program's handler got the real fault"
assert_contains "$out" "vsys: OK" "calls answered with the handler installed"

st=0
out=$(run_preload_uspawn --vsyscall=preload misaligned) || st=$?
assert_eq 139 "$st" "exit status of a misaligned call"

out=$(run_preload_uspawn --vsyscall=preload threads 3 50) || fail "vsys threads failed: $out"
assert_contains "$out" "threads: 3 x 50 calls, 0 wrong" "threads"
out=$(run_preload_uspawn --vsyscall=preload fork-exec) || fail "vsys fork-exec failed: $out"
assert_eq 2 "$(grep -c "vsys: OK" <<<"$out")" "the exec'ed child and the parent both answered"
