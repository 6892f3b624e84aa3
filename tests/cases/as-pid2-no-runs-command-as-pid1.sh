#!/bin/bash
# By default a stub init is PID 1 and the command PID 2; --as-pid2=no runs the command itself as
# PID 1 (and -a/--as-pid2 keeps the default).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
assert_eq 2 "$(run_uspawn -D "$T/root" sh -c 'echo $$')" "command's pid by default"
assert_eq 2 "$(run_uspawn -D "$T/root" --as-pid2 sh -c 'echo $$')" "command's pid with --as-pid2"
assert_eq 1 "$(run_uspawn -D "$T/root" --as-pid2=no sh -c 'echo $$')" "command's pid with --as-pid2=no"
# PID 1 by default is not the command (its name is not sh); with =no it is.
assert_not_contains "$(run_uspawn -D "$T/root" cat /proc/1/cmdline | tr '\0' ' ')" "cat /proc/1/cmdline" "PID 1's cmdline by default"
assert_eq "cat /proc/1/cmdline " "$(run_uspawn -D "$T/root" --as-pid2=no cat /proc/1/cmdline | tr '\0' ' ')" "PID 1's cmdline with --as-pid2=no"
