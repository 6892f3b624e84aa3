#!/bin/bash
# The container's exit status is the command's, and 128+N when it is killed by signal N.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
assert_status 0 "/bin/true" -- run_uspawn -D "$T/root" /bin/true
assert_status 42 "exit 42" -- run_uspawn -D "$T/root" sh -c 'exit 42'
assert_status 137 "killed by SIGKILL" -- run_uspawn -D "$T/root" sh -c 'kill -9 $$'
