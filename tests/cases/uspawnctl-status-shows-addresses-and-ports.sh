#!/bin/bash
# uspawnctl status NAME of a -n machine shows host0 and its helper, the container's addresses
# (those `ip addr` shows inside) and the published ports; --json list carries them too.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
. "$(dirname "$0")/../lib/machines.sh"
require_network_helper pasta
require_free_port 8085

make_busybox_rootfs "$T/root"
start_machine netted -D "$T/root" -n -p 8085:80 -p udp:8086:53 sh -c \
	'ip -4 addr show host0 | awk "/inet / {print \$2}" >/tmp/addr; exec sleep 60'
out=$("$USPAWNCTL" status netted)
assert_contains "$out" "Network: host0 through pasta" "the interface and helper"
addr=$("$USPAWNCTL" shell netted /bin/cat /tmp/addr </dev/null)
[ -n "$addr" ] || fail "no address inside"
assert_contains "$out" "Address: $addr" "the IPv4 address"
assert_contains "$out" "Port: tcp 8085 -> 80" "the TCP port"
assert_contains "$out" "udp 8086 -> 53" "the UDP port"
json=$(cat "$XDG_RUNTIME_DIR/uspawn/machines/netted.json")
assert_eq '["tcp:8085:80","udp:8086:53"]' "$(jq -c .ports <<<"$json")" "ports in the record"
assert_eq veth "$(jq -r .network <<<"$json")" "network in the record"
