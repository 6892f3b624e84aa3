#!/bin/bash
# A command killed by signal N makes uspawn exit 128+N (TERM 143, KILL 137, USR1 138, SEGV 139 is
# not used: core dumps), and the command's own exit status passes through unchanged.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
assert_status 143 "probe kill-self TERM" -- run_uspawn -D "$T/root" probe kill-self TERM
assert_status 137 "probe kill-self KILL" -- run_uspawn -D "$T/root" probe kill-self KILL
assert_status 138 "probe kill-self USR1" -- run_uspawn -D "$T/root" probe kill-self USR1
assert_status 129 "probe kill-self HUP" -- run_uspawn -D "$T/root" probe kill-self HUP
assert_status 0 "probe exit 0" -- run_uspawn -D "$T/root" probe exit 0
assert_status 3 "probe exit 3" -- run_uspawn -D "$T/root" probe exit 3
assert_status 255 "probe exit 255" -- run_uspawn -D "$T/root" probe exit 255
# Also when the command is PID 1 itself and exits.
assert_status 7 "--as-pid2=no probe exit 7" -- run_uspawn -D "$T/root" --as-pid2=no probe exit 7
