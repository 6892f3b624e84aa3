#!/bin/bash
# --chdir to a directory missing in the tree: status 1, the command does not run, one "uspawn: "
# line naming the directory.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
expect_error 1 "--chdir to a missing directory" -- -q -D "$T/root" --chdir=/no/such/dir sh -c 'echo ran'
assert_contains "$ERR" "/no/such/dir" "error names the directory"
