#!/bin/bash
# The command does not inherit uspawn's environment: a host variable is absent inside unless
# passed with -E, and HOME/PATH/TERM are the container's, not the host's.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
export USPAWN_CASE_SECRET=leaked
out=$(HOME=/host/home PATH="/host/bin:$PATH" TERM=xterm-host run_uspawn -D "$T/root" env)
assert_not_contains "$out" "USPAWN_CASE_SECRET" "environment inside"
assert_not_contains "$out" "/host/home" "environment inside"
assert_not_contains "$out" "/host/bin" "environment inside"
assert_not_contains "$out" "xterm-host" "environment inside"
