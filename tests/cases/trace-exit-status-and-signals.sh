#!/bin/bash
# Under --backend=trace uspawn exits with the command's status, 128+N when it dies by signal N,
# and a child's status reaches its parent inside; SIGTERM and SIGUSR1 to uspawn reach the command.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_busybox_rootfs "$T/root"
assert_status 7 "exit 7" -- run_uspawn --backend=trace -D "$T/root" sh -c 'exit 7'
assert_status 137 "killed by SIGKILL" -- run_uspawn --backend=trace -D "$T/root" sh -c 'kill -KILL $$'
out=$(run_uspawn --backend=trace -D "$T/root" sh -c 'sh -c "exit 3"; echo $?; sh -c "kill -TERM \$\$"; echo $?')
assert_eq "3
143" "$out" "statuses inside"
for sig in TERM USR1; do
	start_waiting "$T/out" --backend=trace -D "$T/root"
	kill -"$sig" "$PID"
	wait_exit "$PID" 5
	assert_eq "ready
got SIG$sig" "$(cat "$T/out")" "command's output after SIG$sig to uspawn"
	assert_eq 0 "$ST" "uspawn's status after SIG$sig"
done
