#!/bin/bash
# Publishing a host port below net.ipv4.ip_unprivileged_port_start is one clear error naming
# the sysctl, before anything starts.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"
start=$(cat /proc/sys/net/ipv4/ip_unprivileged_port_start)
[ "$start" -gt 80 ] || skip "this host lets anyone bind port 80 (ip_unprivileged_port_start=$start)"

make_busybox_rootfs "$T/root"
expect_error 1 "-p 80" -- -D "$T/root" -n -p 80 true
assert_contains "$ERR" "port 80" "names the port"
assert_contains "$ERR" "net.ipv4.ip_unprivileged_port_start=$start" "names the sysctl and its value"
