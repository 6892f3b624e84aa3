#!/bin/bash
# Outbound: a server listening only on the host's 127.0.0.1 is reachable from a -n container
# through pasta's mapping of the gateway address to the host's loopback.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
require_network_helper pasta

port=$((20000 + $$ % 10000))
require_free_port "$port"
mkdir -p "$T/www"
echo "hello from the host" >"$T/www/index.html"
"$BB" httpd -f -p "127.0.0.1:$port" -h "$T/www" &
httpd=$!
trap 'kill $httpd 2>/dev/null || true' EXIT
wait_http "http://127.0.0.1:$port/" "hello from the host"

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" -n sh -c "gw=\$(ip route | awk '/^default/ {print \$3}'); timeout 5 wget -q -O- http://\$gw:$port/")
assert_eq "hello from the host" "$out" "the host's loopback server through the gateway"
