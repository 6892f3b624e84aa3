#!/bin/bash
# Publishing a host port something already listens on is one clear error, before anything starts.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"
. "$(dirname "$0")/../lib/network.sh"
require_network_helper pasta
port=$((26000 + $$ % 5000))
require_free_port "$port"

mkdir -p "$T/www"
(cd "$T/www" && exec "$BB" httpd -f -p "$port" -h .) &  # no $T in its argv: expect_error looks for that
httpd=$!
trap 'kill $httpd 2>/dev/null || true' EXIT
for i in $(seq 20); do [ -n "$(port_listeners "$port")" ] && break; sleep 0.1; done
make_busybox_rootfs "$T/root"
expect_error 1 "port in use" -- -D "$T/root" -n -p "$port:80" true
assert_contains "$ERR" "TCP port $port" "names the port"
assert_contains "$ERR" "already in use" "says why"
