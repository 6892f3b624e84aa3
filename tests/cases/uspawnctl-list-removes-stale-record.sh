#!/bin/bash
# A machine whose uspawn died without unregistering (SIGKILL: the container dies with it
# through PDEATHSIG) leaves a stale record, which the next `uspawnctl list` removes; status
# and shell then say it does not run.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/machines.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_busybox_rootfs "$T/root"
start_machine stale -D "$T/root" sleep 300
leader=$("$USPAWNCTL" list --json | jq -r '.[0].leader')
kill -KILL "$PID"
wait_exit "$PID" 5
for i in $(seq 50); do [ -e "/proc/$leader" ] || break; sleep 0.1; done
[ ! -e "/proc/$leader" ] || fail "the leader ($leader) still runs 5 s after SIGKILL of uspawn"
no_process_left "sleep 300" "the container after SIGKILL of uspawn"
[ -e "$XDG_RUNTIME_DIR/uspawn/machines/stale.json" ] || fail "no record left behind to test with"
assert_eq "0 machines listed." "$("$USPAWNCTL" list)" "list"
[ ! -e "$XDG_RUNTIME_DIR/uspawn/machines/stale.json" ] || fail "the stale record is still there"
assert_status 1 "status of the stale machine" -- "$USPAWNCTL" status stale 2>/dev/null
