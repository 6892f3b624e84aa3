#!/bin/bash
# An unprivileged uspawn cannot raise a hard limit above its own: --rlimit=NOFILE=<hard+1> is an
# error (status 1, one line) that names the resource, and nothing is left running.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
hard=$(ulimit -H -n)
[ "$hard" != unlimited ] || skip "hard RLIMIT_NOFILE is unlimited here"
expect_error 1 "--rlimit=NOFILE=$((hard + 1))" -- -q -D "$T/root" --rlimit=NOFILE=$((hard + 1)) /bin/true
assert_contains "$ERR" NOFILE "error names the resource"
