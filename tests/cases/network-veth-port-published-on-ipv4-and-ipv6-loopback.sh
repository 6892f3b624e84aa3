#!/bin/bash
# -p 8080:80 publishes BusyBox httpd's port 80 inside on the host: fetched on 127.0.0.1:8080
# and [::1]:8080, and on the host's other addresses too.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
. "$(dirname "$0")/../lib/machines.sh"
require_network_helper pasta
require_free_port 8080

make_web_rootfs "$T/root" web
start_machine web -D "$T/root" -n -p 8080:80 httpd -f -p 80 -h /www
wait_http http://127.0.0.1:8080/ "hello from web"
assert_eq "hello from web" "$(http_get 'http://[::1]:8080/')" "over IPv6 loopback"
# a non-loopback address of the host, when it has one
addr=$(ip -4 -o addr show scope global | awk '{sub("/.*", "", $4); print $4; exit}')
if [ -n "$addr" ]; then
	assert_eq "hello from web" "$(http_get "http://$addr:8080/")" "on the host's address $addr"
fi
