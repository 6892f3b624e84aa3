#!/bin/bash
# -b boots the tree's BusyBox init as PID 1 (saying which init it found); SIGTERM to uspawn
# makes it power off cleanly: its shutdown actions run and uspawn exits 0.
. "$(dirname "$0")/../lib/common.sh"

make_bootable_busybox_rootfs "$T/root" 'cat /proc/1/comm >/state/pid1; echo "$container" >/state/booted'
"$USPAWN" -D "$T/root" --bind="$T/state:/state" -b </dev/null >"$T/out" 2>&1 &
pid=$!
for i in $(seq 100); do [ -s "$T/state/booted" ] && break; sleep 0.1; done
[ -s "$T/state/booted" ] || { kill -9 $pid; fail "the inittab's once action never ran: $(cat "$T/out")"; }
assert_eq uspawn "$(cat "$T/state/booted")" "container= in the boot environment"
assert_eq init "$(cat "$T/state/pid1")" "PID 1's name"
kill -TERM $pid
st=0
wait $pid || st=$?
assert_eq 0 "$st" "exit status after SIGTERM (output: $(cat "$T/out"))"
assert_eq yes "$(cat "$T/state/shutdown" 2>/dev/null)" "the shutdown action ran"
out=$(cat "$T/out")
assert_contains "$out" "uspawn: Booting BusyBox init from /sbin/init." "the notice"
assert_contains "$out" "sysinit-ran" "console output relayed (read-only console)"
