#!/bin/bash
# Two -n containers: the second cannot reach a port the first listens on but did not publish
# (not through the gateway, not on its own copy of the address, not on the host), while a port
# the first published is reachable (through the host's loopback, mapped at the gateway).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
. "$(dirname "$0")/../lib/machines.sh"
require_network_helper pasta
hidden=$((21000 + $$ % 5000))
require_free_port "$hidden"
require_free_port 8090

make_web_rootfs "$T/a" a
make_busybox_rootfs "$T/b"
start_machine a -D "$T/a" -n -p 8090:80 sh -c "httpd -p 80 -h /www; exec httpd -f -p $hidden -h /www"
wait_http http://127.0.0.1:8090/ "hello from a"
! http_get "http://127.0.0.1:$hidden/" >/dev/null || fail "the unpublished port $hidden answers on the host"

out=$(run_uspawn -D "$T/b" -n sh -c "
	gw=\$(ip route | awk '/^default/ {print \$3}')
	addr=\$(ip -4 addr show host0 | awk '/inet / {sub(\"/.*\", \"\", \$2); print \$2}')
	for u in http://\$gw:$hidden/ http://\$addr:$hidden/ http://127.0.0.1:$hidden/; do
		timeout 5 wget -q -O- \$u >/dev/null 2>&1 && echo reached \$u
	done
	timeout 5 wget -q -O- http://\$gw:8090/")
assert_not_contains "$out" "reached" "the second container reached the first's unpublished port"
assert_contains "$out" "hello from a" "the published port, through the gateway"
