#!/bin/bash
# A command that runs as another user than PID 1 (--user=nobody, with a subordinate range: a
# real uid in the container) still gets the signals sent to uspawn: PID 1 keeps CAP_KILL when it
# gives up its other capabilities, which signalling a process of another uid needs.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/signals.sh"
require_full_subordinate_range

make_busybox_rootfs "$T/root"
start_waiting "$T/out" --private-users=pick --user=nobody -D "$T/root"
kill -USR1 "$PID"
wait_exit "$PID" 5
assert_eq "ready
got SIGUSR1" "$(cat "$T/out")" "the command's output after SIGUSR1 to uspawn"
assert_eq 0 "$ST" "uspawn's status"
