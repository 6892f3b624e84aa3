#!/bin/bash
# SIGTERM, SIGINT or SIGHUP to uspawn send the kill signal (default SIGTERM) to the container,
# and the stub init hands it to the command: it prints "got SIGTERM" in all three cases.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_busybox_rootfs "$T/root"
for sig in TERM INT HUP; do
	start_waiting "$T/out" -D "$T/root"
	kill -"$sig" "$PID"
	wait_exit "$PID" 5
	assert_eq "ready
got SIGTERM" "$(cat "$T/out")" "command's output after SIG$sig to uspawn"
	assert_eq 0 "$ST" "uspawn's status after SIG$sig"
done
# Also when the command is PID 1 itself (no stub init in between).
start_waiting "$T/out" -D "$T/root" --as-pid2=no
kill -TERM "$PID"
wait_exit "$PID" 5
assert_eq "ready
got SIGTERM" "$(cat "$T/out")" "--as-pid2=no: command's output after SIGTERM"
assert_eq 0 "$ST" "--as-pid2=no: uspawn's status"
