#!/bin/bash
# -n gives the container its own network namespace with lo and host0 (nspawn's name) up, an
# address on host0, a default route through it, and /etc/resolv.conf naming pasta's DNS
# forwarder, read-only; the host's interfaces are not there.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
require_network_helper pasta

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" -n sh -c '
	ls /sys/class/net | sort | paste -sd" "
	ip -4 addr show host0 | awk "/inet / {print \$2}"
	ip route | awk "/^default/ {print \$5}"
	cat /etc/resolv.conf
	echo x >/etc/resolv.conf 2>/dev/null && echo writable || echo read-only')
assert_eq "host0 lo" "$(sed -n 1p <<<"$out")" "interfaces inside"
[ -n "$(sed -n 2p <<<"$out")" ] || fail "host0 has no IPv4 address: $out"
assert_eq host0 "$(sed -n 3p <<<"$out")" "the default route's interface"
assert_eq "nameserver 169.254.1.1" "$(sed -n 4p <<<"$out")" "resolv.conf"
assert_eq read-only "$(sed -n 5p <<<"$out")" "resolv.conf is read-only"
# the tree's own file is untouched
assert_eq "" "$(cat "$T/root/etc/resolv.conf")" "the tree's resolv.conf"
