#!/bin/bash
# -b on a tree without an init is one clear error naming what was looked for.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
rm -f "$T/root/sbin/init"
expect_error 1 "no init" -- -q -D "$T/root" -b
assert_contains "$ERR" "No init found in $T/root" "error names the tree"
assert_contains "$ERR" "/sbin/init" "error names where it looked"
