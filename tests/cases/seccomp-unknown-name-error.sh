#!/bin/bash
# An unknown system call or @group in --system-call-filter is uspawn's own error: status 1, one
# stderr line naming the bad value, nothing started.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
expect_error 1 "--system-call-filter=frobnicate_syscall" -- -q -D "$T/root" --system-call-filter=frobnicate_syscall /bin/true
assert_contains "$ERR" frobnicate_syscall "error names the value"
expect_error 1 "--system-call-filter=~@nosuchgroup" -- -q -D "$T/root" --system-call-filter='~@nosuchgroup' /bin/true
assert_contains "$ERR" @nosuchgroup "error names the value"
