#!/bin/bash
# While the engine traces the container, job control and signals behave: a stopped process stays
# stopped until SIGCONT, a signal still kills, exit statuses pass through.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
out=$(run_emulated "$T/root" sh -c 'sleep 30 & p=$!; kill -STOP $p; sleep 0.3
	grep State /proc/$p/status; kill -CONT $p; sleep 0.3; grep State /proc/$p/status
	kill $p; wait $p; echo "sleep: $?"') || fail "job control under tracing failed: $out"
assert_contains "$out" "$(printf 'State:\tt (tracing stop)')" "SIGSTOP stopped the process"
assert_contains "$out" "$(printf 'State:\tS (sleeping)')" "SIGCONT resumed it"
assert_contains "$out" "sleep: 143" "SIGTERM killed it"
st=0
run_emulated "$T/root" probe kill-self USR1 >/dev/null || st=$?
assert_eq 138 "$st" "a command killed by SIGUSR1"
st=0
run_emulated "$T/root" sh -c 'exit 7' >/dev/null || st=$?
assert_eq 7 "$st" "exit status"
