#!/bin/bash
# With the host's network (default), /etc/resolv.conf inside shows the host's content, read-only,
# and the tree's own file is left untouched.
. "$(dirname "$0")/../lib/common.sh"

[ -r /etc/resolv.conf ] || skip "the host has no readable /etc/resolv.conf"
make_busybox_rootfs "$T/root"
echo "nameserver 192.0.2.99 # tree's own" >"$T/root/etc/resolv.conf"
out=$(run_uspawn -D "$T/root" cat /etc/resolv.conf)
assert_eq "$(cat /etc/resolv.conf)" "$out" "resolv.conf inside"
assert_eq EROFS "$(run_uspawn -D "$T/root" probe write-file /etc/resolv.conf)" "writing resolv.conf"
assert_eq "nameserver 192.0.2.99 # tree's own" "$(cat "$T/root/etc/resolv.conf")" "tree's resolv.conf afterwards"
