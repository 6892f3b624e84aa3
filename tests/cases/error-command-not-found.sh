#!/bin/bash
# A command missing from the tree: status 127 and one stderr line naming the command, the tree
# and the PATH that was searched; the same for a bare name looked up in PATH and with
# --as-pid2=no. Nothing is left running or mounted.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
for args in "/bin/nope" "nope-cmd" "--as-pid2=no /bin/nope"; do
	expect_error 127 "$args" -- -q -D "$T/root" $args
	assert_contains "$ERR" "${args##* }" "error names the command"
	assert_contains "$ERR" "not found in" "error says where it looked"
	assert_contains "$ERR" "$T/root" "error names the tree"
	assert_contains "$ERR" "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "error shows PATH"
done
