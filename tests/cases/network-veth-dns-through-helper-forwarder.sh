#!/bin/bash
# DNS inside a -n container goes through pasta's forwarder to the host's resolver: here a
# dnsmasq the case runs on 127.0.0.1:53 of a "host" it makes itself (user + network + mount
# namespaces with a veth for pasta to take addresses from, and its own /etc/resolv.conf), so
# no query leaves this machine.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
require_network_helper pasta
PATH=$PATH:/usr/sbin
command -v dnsmasq >/dev/null || skip "dnsmasq is not installed (apt-get install dnsmasq-base)"
unshare -rnm true 2>/dev/null || skip "unshare -rnm is refused here"

make_busybox_rootfs "$T/root"
echo "nameserver 127.0.0.1" >"$T/resolv.conf"
cat >"$T/host.sh" <<'E'
set -eu
ip link set lo up
ip link add uspawn0 type veth peer name uspawn1
ip link set uspawn0 up
ip link set uspawn1 up
ip addr add 10.77.0.2/24 dev uspawn0
ip route add default via 10.77.0.1
mount --bind "$T/resolv.conf" /etc/resolv.conf
dnsmasq -d --log-facility=- --no-resolv --no-hosts --listen-address=127.0.0.1 --bind-interfaces \
	--port=53 --user=root --group=root --pid-file= --host-record=web.uspawn.test,10.9.8.7 \
	>"$T/dnsmasq.log" 2>&1 &
dns=$!
trap 'kill $dns' EXIT
for i in $(seq 50); do grep -q "cleared cache" "$T/dnsmasq.log" && break; sleep 0.1; done
mkdir -p -m700 "$T/run"
XDG_RUNTIME_DIR=$T/run "$USPAWN" -q --private-users=self -D "$T/root" -n nslookup -type=a web.uspawn.test </dev/null
E
out=$(unshare -rnm bash "$T/host.sh" 2>&1) || fail "uspawn in the test's host failed: $out; dnsmasq: $(cat "$T/dnsmasq.log")"
assert_contains "$out" "169.254.1.1" "the resolver asked (pasta's forwarder)"
assert_contains "$out" "Address: 10.9.8.7" "web.uspawn.test resolved by the host's dnsmasq"
