#!/bin/bash
# SIGKILL of uspawn (no chance to clean up) still takes the whole container with it
# (PR_SET_PDEATHSIG): the command, here `sleep 302` as PID 2 and a child of it, is gone within 2 s.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_busybox_rootfs "$T/root"
for pid2 in yes no; do
	"$USPAWN" -q -D "$T/root" --as-pid2=$pid2 sh -c 'sleep 302 & echo ready; exec sleep 303' </dev/null >"$T/out" 2>&1 &
	PID=$!
	wait_ready "$T/out"
	sleep 0.2
	pgrep -u "$(id -u)" -f '^sleep 303$' >/dev/null || fail "--as-pid2=$pid2: sleep 303 not seen running (pgrep)"
	kill -KILL "$PID"
	wait_exit "$PID" 2
	assert_eq 137 "$ST" "--as-pid2=$pid2: status of the killed uspawn"
	no_process_left '^sleep 30[23]$' "--as-pid2=$pid2: the container after SIGKILL of uspawn"
done
