#!/bin/bash
# An unknown capability name in --capability or --drop-capability is uspawn's own error: status 1,
# one stderr line naming the bad value, nothing started.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
expect_error 1 "--capability=CAP_FOO" -- -q -D "$T/root" --capability=CAP_FOO /bin/true
assert_contains "$ERR" CAP_FOO "error names the value"
expect_error 1 "--drop-capability=CAP_NET_ADMIN,BOGUS" -- -q -D "$T/root" --drop-capability=CAP_NET_ADMIN,BOGUS /bin/true
assert_contains "$ERR" BOGUS "error names the value"
