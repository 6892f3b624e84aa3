#!/bin/bash
# `uspawnctl terminate NAME` kills the machine at once (SIGKILL to its leader; uspawn exits
# 137), returns once it is gone, and the machine is no longer listed.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/machines.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_busybox_rootfs "$T/root"
start_machine term -D "$T/root" sleep 300
leader=$("$USPAWNCTL" list --json | jq -r '.[0].leader')
"$USPAWNCTL" terminate term
# gone, or a zombie about to be reaped (it may vanish between two looks, so look once)
state=$(awk '{print $3}' "/proc/$leader/stat" 2>/dev/null || true)
[ -z "$state" ] || [ "$state" = Z ] || fail "leader $leader still running ($state)"
wait_exit "$PID" 5
assert_eq 137 "$ST" "uspawn's status"
assert_eq "0 machines listed." "$("$USPAWNCTL" list)" "list afterwards"
assert_eq "" "$(ls "$XDG_RUNTIME_DIR/uspawn/machines")" "records left"
