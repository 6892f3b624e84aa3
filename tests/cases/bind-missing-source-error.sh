#!/bin/bash
# --bind with a SRC that does not exist on the host: status 1, one "uspawn: " line naming SRC, the
# command does not run.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
expect_error 1 "--bind of a missing source" -- -q -D "$T/root" --bind="$T/no-such-src:/mnt/x" sh -c 'echo ran'
assert_contains "$ERR" "$T/no-such-src" "error names the source"
