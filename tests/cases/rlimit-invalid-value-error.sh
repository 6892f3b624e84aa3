#!/bin/bash
# A malformed --rlimit (unknown resource, non-numeric value, soft above hard, missing "=") is
# uspawn's own error: status 1, one stderr line naming the value, nothing started.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
for v in FOO=1 NOFILE=abc NOFILE=200:100 NOFILE NOFILE=1:2:3; do
	expect_error 1 "--rlimit=$v" -- -q -D "$T/root" --rlimit="$v" /bin/true
	assert_contains "$ERR" "$v" "error for --rlimit=$v names the value"
done
