#!/bin/bash
# `uspawnctl reboot NAME` makes a booted BusyBox init restart: its shutdown action runs and
# uspawn exits 133 (as systemd-nspawn does, for a service manager to start it again). A machine
# that runs a command cannot reboot: one line says so, and it keeps running.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/machines.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_bootable_busybox_rootfs "$T/root" "sleep 300"
start_machine rb -D "$T/root" --bind="$T/state:/state" -b
"$USPAWNCTL" reboot rb
wait_exit "$PID" 20
assert_eq 133 "$ST" "uspawn's status after reboot (output: $(cat "$T/rb.out"))"
assert_eq yes "$(cat "$T/state/shutdown" 2>/dev/null)" "the shutdown action ran"

make_busybox_rootfs "$T/cmd"
start_machine cmd -D "$T/cmd" sleep 300
st=0
"$USPAWNCTL" reboot cmd 2>"$T/err" || st=$?
assert_eq 1 "$st" "reboot of a command"
assert_eq 1 "$(wc -l <"$T/err")" "error lines"
assert_contains "$(cat "$T/err")" "Machine 'cmd' runs a command" "error"
kill -0 "$PID" || fail "the machine stopped after a refused reboot"
