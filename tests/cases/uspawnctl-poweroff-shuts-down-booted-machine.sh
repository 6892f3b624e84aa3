#!/bin/bash
# `uspawnctl poweroff NAME` returns at once and the booted BusyBox init shuts down cleanly: its
# shutdown action runs and uspawn exits 0. A machine running a command gets its kill signal.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/machines.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_bootable_busybox_rootfs "$T/root" "sleep 300"
start_machine off -D "$T/root" --bind="$T/state:/state" -b
"$USPAWNCTL" poweroff off
wait_exit "$PID" 20
assert_eq 0 "$ST" "uspawn's status after poweroff (output: $(cat "$T/off.out"))"
assert_eq yes "$(cat "$T/state/shutdown" 2>/dev/null)" "the shutdown action ran"
assert_eq "0 machines listed." "$("$USPAWNCTL" list)" "list afterwards"

make_busybox_rootfs "$T/cmd"
start_machine cmd -D "$T/cmd" sleep 300
"$USPAWNCTL" poweroff cmd
wait_exit "$PID" 5
assert_eq 143 "$ST" "a command's status after poweroff (SIGTERM)"
