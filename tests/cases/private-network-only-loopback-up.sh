#!/bin/bash
# --private-network gives an own network namespace with only lo, and lo is up (127.0.0.1 usable).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" --private-network sh -c 'ls /sys/class/net | paste -sd" "; awk -F: "NR > 2 { gsub(/ /, \"\", \$1); print \$1 }" /proc/net/dev | paste -sd" "; cat /sys/class/net/lo/flags; ip link show lo')
assert_eq lo "$(sed -n 1p <<<"$out")" "/sys/class/net"
assert_eq lo "$(sed -n 2p <<<"$out")" "/proc/net/dev"
flags=$(sed -n 3p <<<"$out")
[ $((flags & 1)) -eq 1 ] || fail "lo is not up: flags $flags"
assert_contains "$(sed -n '4,$p' <<<"$out")" ",UP" "ip link show lo"
# Loopback works: a TCP connection to 127.0.0.1 inside.
out=$(run_uspawn -D "$T/root" --private-network sh -c '
	nc -l -p 4777 >/tmp/got & sleep 0.3
	echo hello-lo | nc -w 1 127.0.0.1 4777; sleep 0.2; kill $! 2>/dev/null; cat /tmp/got')
assert_eq hello-lo "$out" "TCP over lo"
