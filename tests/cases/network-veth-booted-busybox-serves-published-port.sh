#!/bin/bash
# A booted container (BusyBox init starting httpd from its inittab) with -n -p 8081:80 answers
# on the host's 127.0.0.1:8081 and [::1]:8081.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
. "$(dirname "$0")/../lib/machines.sh"
require_network_helper pasta
require_free_port 8081

make_bootable_busybox_rootfs "$T/root" 'httpd -p 80 -h /www'
mkdir -p "$T/root/www"
echo "hello from booted" >"$T/root/www/index.html"
start_machine booted -D "$T/root" --bind="$T/state:/state" -b -n -p 8081:80
wait_http http://127.0.0.1:8081/ "hello from booted"
assert_eq "hello from booted" "$(http_get 'http://[::1]:8081/')" "over IPv6 loopback"
