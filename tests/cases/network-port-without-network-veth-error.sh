#!/bin/bash
# -p publishes a port of the container's own network: without -n it is one clear error, and a
# malformed -p value is refused naming the syntax.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
expect_error 1 "-p without -n" -- -D "$T/root" -p 8080:80 true
assert_contains "$ERR" "-n/--network-veth" "names the missing option"
expect_error 1 "bad -p" -- -D "$T/root" -n -p sctp:99 true
assert_contains "$ERR" "[tcp|udp:]HOSTPORT[:CONTAINERPORT]" "names the syntax"
