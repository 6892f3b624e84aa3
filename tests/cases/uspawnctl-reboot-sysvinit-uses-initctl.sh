#!/bin/bash
# `uspawnctl reboot NAME` of a booted sysvinit machine asks init for runlevel 6 through its
# initctl FIFO: init switches to runlevel 6, reboots, and uspawn exits 133.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/machines.sh"
. "$(dirname "$0")/../lib/signals.sh"

src=$(bookworm_sysvinit_rootfs)
mkdir "$T/root"
# a copy: a booted system writes to its tree; its /dev nodes are not ours to copy (and unneeded)
(cd "$src" && tar -c --exclude=./dev .) | (cd "$T/root" && tar -x)
mkdir -p "$T/root/dev"
start_machine sysv -D "$T/root" -b
for i in $(seq 150); do grep -q "Entering runlevel: 2" "$T/sysv.out" && break; sleep 0.2; done
grep -q "Entering runlevel: 2" "$T/sysv.out" || fail "runlevel 2 not reached: $(tail -20 "$T/sysv.out")"
assert_contains "$("$USPAWNCTL" list)" " sysvinit " "list's INIT column"
"$USPAWNCTL" reboot sysv
wait_exit "$PID" 60
assert_eq 133 "$ST" "uspawn's status after reboot (output: $(tail -20 "$T/sysv.out"))"
assert_contains "$(cat "$T/sysv.out")" "Switching to runlevel: 6" "the reboot went through initctl"
