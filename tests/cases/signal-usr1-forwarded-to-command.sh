#!/bin/bash
# SIGUSR1 (and SIGUSR2) sent to uspawn reach the command through the stub init: `probe
# wait-signal` prints "got SIGUSR1" and exits 0, which is uspawn's status.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_busybox_rootfs "$T/root"
for sig in USR1 USR2; do
	start_waiting "$T/out" -D "$T/root"
	kill -"$sig" "$PID"
	wait_exit "$PID" 5
	assert_eq "ready
got SIG$sig" "$(cat "$T/out")" "command's output after SIG$sig to uspawn"
	assert_eq 0 "$ST" "uspawn's status after SIG$sig"
done
