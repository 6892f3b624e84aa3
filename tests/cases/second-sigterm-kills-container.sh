#!/bin/bash
# A command that ignores SIGTERM keeps running after the first SIGTERM to uspawn; a second one
# sends SIGKILL: uspawn exits 137 at once (well before the command's 30 s sleep) and nothing of
# the container is left.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_busybox_rootfs "$T/root"
"$USPAWN" -q -D "$T/root" sh -c 'trap "" TERM; echo ready; exec sleep 31' </dev/null >"$T/out" 2>&1 &
PID=$!
wait_ready "$T/out"
kill -TERM "$PID"
sleep 0.5
kill -0 "$PID" 2>/dev/null || fail "uspawn exited after the first SIGTERM though the command ignores it "
kill -TERM "$PID"
wait_exit "$PID" 2
assert_eq 137 "$ST" "uspawn's status after the second SIGTERM"
no_process_left '^sleep 31$' "the command after the second SIGTERM"
