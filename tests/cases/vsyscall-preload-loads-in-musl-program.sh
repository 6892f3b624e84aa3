#!/bin/bash
# libuspawn-vsyscall.so loads into a program linked against musl (vsys built with musl-gcc) and
# answers its calls there: musl's sigaction is found after the library without dlsym, and the
# program's own SIGSEGV handler still gets its real faults.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

VSYS_MUSL=$BUILD/tests/vsys-musl
command -v musl-gcc >/dev/null || skip "musl-gcc is not installed (musl-tools)"
[ -x "$VSYS_MUSL" ] || fail "$VSYS_MUSL not built (make $VSYS_MUSL)"
file -L "$VSYS_MUSL" | grep -q 'dynamically linked' || skip "$VSYS_MUSL is static: LD_PRELOAD cannot reach it"
[ -e /lib/ld-musl-x86_64.so.1 ] || skip "the musl dynamic linker /lib/ld-musl-x86_64.so.1 is not installed (musl)"

VSYS_DYN=$VSYS_MUSL
out=$(run_preloaded check) || fail "musl vsys check failed under the library: $out"
assert_contains "$out" "vsys: OK" "results"
assert_eq 2 "$(preload_count "$out" time)" "time() calls answered"
out=$(run_preloaded segv-handler) || fail "musl vsys segv-handler failed under the library: $out"
assert_contains "$out" "handler read back: the program's" "sigaction() reads back the program's own handler"
assert_contains "$out" "handler: SIGSEGV code 1 addr 0x10" "the program's handler got the real fault"
out=$(run_preloaded threads 2 50) || fail "musl vsys threads failed under the library: $out"
assert_contains "$out" "threads: 2 x 50 calls, 0 wrong" "threads"
