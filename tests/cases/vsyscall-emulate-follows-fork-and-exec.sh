#!/bin/bash
# Processes forked by a traced process, and the programs they exec, are followed: calls from a
# forked child that execs vsys are answered too, each for its own PID.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
out=$(run_emulated "$T/root" vsys fork-exec) || fail "vsys fork-exec failed: $out"
assert_eq 2 "$(grep -c 'vsys: OK' <<<"$out")" "parent and exec'd child both OK"
assert_eq 4 "$(emulated_count "$out" time)" "time() calls of both processes answered"
pids=$(sed -n 's/.*emulated time() for PID \([0-9]*\)$/\1/p' <<<"$out" | sort -u | wc -l)
assert_eq 2 "$pids" "answered for two different PIDs"
# a shell (busybox, not traced specially) starting vsys through fork and exec
out=$(run_emulated "$T/root" sh -c 'vsys check && vsys check') || fail "vsys from sh failed: $out"
assert_eq 4 "$(emulated_count "$out" time)" "time() calls of two programs started by sh"
