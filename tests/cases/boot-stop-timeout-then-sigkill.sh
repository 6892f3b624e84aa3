#!/bin/bash
# When the init ignores the kill signal, uspawn waits --stop-timeout seconds, says so and kills
# it; a second SIGTERM kills at once.
. "$(dirname "$0")/../lib/common.sh"

make_bootable_busybox_rootfs "$T/root" 'echo up >/state/booted'
start() {
	rm -f "$T/state/booted"
	"$USPAWN" -D "$T/root" --bind="$T/state:/state" -b --kill-signal=SIGWINCH "$@" </dev/null >"$T/out" 2>&1 &
	pid=$!
	for i in $(seq 100); do [ -s "$T/state/booted" ] && break; sleep 0.1; done
}
start --stop-timeout=1
t0=$(date +%s%N)
kill -TERM $pid
st=0
wait $pid || st=$?
ms=$((($(date +%s%N) - t0) / 1000000))
assert_eq 137 "$st" "exit status after the timeout"
[ "$ms" -ge 900 ] || fail "killed after ${ms} ms, before the 1 s timeout"
assert_contains "$(cat "$T/out")" "did not stop within 1s" "the notice"

start --stop-timeout=60
kill -TERM $pid
sleep 0.3
kill -TERM $pid
st=0
timeout 10 tail --pid=$pid -f /dev/null || fail "a second SIGTERM did not kill the container"
wait $pid || st=$?
assert_eq 137 "$st" "exit status after a second SIGTERM"
