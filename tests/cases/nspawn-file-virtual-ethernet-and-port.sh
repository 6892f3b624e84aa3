#!/bin/bash
# [Network] VirtualEthernet=yes and Port= in NAME.nspawn do what -n and -p do.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
. "$(dirname "$0")/../lib/machines.sh"
require_network_helper pasta
require_free_port 8084

export XDG_CONFIG_HOME=$T/config
mkdir -p "$XDG_CONFIG_HOME/uspawn"
printf '[Network]\nVirtualEthernet=yes\nPort=tcp:8084:80\n' >"$XDG_CONFIG_HOME/uspawn/filed.nspawn"
make_web_rootfs "$T/root" filed
start_machine filed -D "$T/root" httpd -f -p 80 -h /www
wait_http http://127.0.0.1:8084/ "hello from filed"
assert_contains "$("$USPAWNCTL" status filed)" "Port: tcp 8084 -> 80" "status shows the file's port"
