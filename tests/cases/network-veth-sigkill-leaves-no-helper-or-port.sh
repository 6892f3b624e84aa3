#!/bin/bash
# Killing uspawn with SIGKILL takes its network helper with it (PR_SET_PDEATHSIG): no pasta
# process is left and the published port stops listening.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
. "$(dirname "$0")/../lib/signals.sh"
require_network_helper pasta
require_free_port 8082

make_web_rootfs "$T/root" doomed
"$USPAWN" -q -D "$T/root" -n -p 8082:80 httpd -f -p 80 -h /www </dev/null >"$T/out" 2>&1 &
pid=$!
wait_http http://127.0.0.1:8082/ "hello from doomed"
pgrep -u "$(id -u)" -f "pasta.*--tcp-ports 8082:80" >/dev/null || fail "no pasta running for the container"
kill -KILL $pid
wait $pid || true
no_process_left "pasta.*--tcp-ports 8082:80" "pasta after SIGKILL of uspawn"
no_process_left "httpd -f -p 80 -h /www" "the container after SIGKILL of uspawn"
for i in $(seq 20); do [ -z "$(port_listeners 8082)" ] && break; sleep 0.1; done
assert_eq "" "$(port_listeners 8082)" "listeners on port 8082"
