#!/bin/bash
# --tmpfs with a relative path (or one with "..") is uspawn's own error: status 1, one "uspawn: "
# line, nothing run.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
for v in rel/dir /a/../../b ""; do
	expect_error 1 "--tmpfs=$v" -- -q -D "$T/root" "--tmpfs=$v" sh -c 'echo ran'
done
