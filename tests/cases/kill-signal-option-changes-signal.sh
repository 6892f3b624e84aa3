#!/bin/bash
# --kill-signal=SIGINT: SIGTERM to uspawn makes the command receive SIGINT instead of SIGTERM;
# a number works as well (--kill-signal=12 is SIGUSR2).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_busybox_rootfs "$T/root"
start_waiting "$T/out" -D "$T/root" --kill-signal=SIGINT
kill -TERM "$PID"
wait_exit "$PID" 5
assert_eq "ready
got SIGINT" "$(cat "$T/out")" "--kill-signal=SIGINT, SIGTERM to uspawn"
assert_eq 0 "$ST" "uspawn's status"

start_waiting "$T/out" -D "$T/root" --kill-signal=12
kill -HUP "$PID"
wait_exit "$PID" 5
assert_eq "ready
got SIGUSR2" "$(cat "$T/out")" "--kill-signal=12, SIGHUP to uspawn"
assert_eq 0 "$ST" "uspawn's status"
