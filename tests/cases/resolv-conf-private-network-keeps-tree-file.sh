#!/bin/bash
# With --private-network the host's resolver is useless, so /etc/resolv.conf stays the tree's own
# file (and writable as the rest of the tree).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
echo "nameserver 192.0.2.99 # tree's own" >"$T/root/etc/resolv.conf"
out=$(run_uspawn -D "$T/root" --private-network cat /etc/resolv.conf)
assert_eq "nameserver 192.0.2.99 # tree's own" "$out" "resolv.conf inside"
out=$(run_uspawn -D "$T/root" --private-network cut -d" " -f2 /proc/self/mounts)
! grep -qxF /etc/resolv.conf <<<"$out" || fail "/etc/resolv.conf is a mount point with --private-network"
