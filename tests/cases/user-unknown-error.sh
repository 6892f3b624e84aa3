#!/bin/bash
# -u with a user that is not in the guest's /etc/passwd: status 1, nothing run, and one
# "uspawn: " line on stderr naming the user.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
expect_error 1 "-u bobby-nosuch" -- -q -D "$T/root" -u bobby-nosuch sh -c 'touch /ran'
assert_contains "$ERR" "bobby-nosuch" "error names the user"
[ ! -e "$T/root/ran" ] || fail "the command ran"
