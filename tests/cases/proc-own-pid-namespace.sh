#!/bin/bash
# The command runs in its own pid namespace: PID 2 under the stub init by default, PID 1 with
# --as-pid2=no; /proc/self agrees.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
assert_eq 2 "$(run_uspawn -D "$T/root" sh -c 'echo $$')" "PID of the command"
assert_eq 1 "$(run_uspawn -D "$T/root" --as-pid2=no sh -c 'echo $$')" "PID with --as-pid2=no"
assert_contains "$(run_uspawn -D "$T/root" probe sid)" " pid=2 " "probe sid"
assert_eq 2 "$(run_uspawn -D "$T/root" readlink /proc/self)" "/proc/self"
