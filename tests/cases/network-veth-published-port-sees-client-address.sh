#!/bin/bash
# A published port keeps the client's address where pasta can: a CGI script behind BusyBox
# httpd inside sees 127.0.0.1 and ::1 for clients on the host's loopback (pasta splices those
# sockets), not the address of some NAT in between. A connection from another of the host's own
# addresses arrives from the container's gateway (pasta maps the host to it); remote clients,
# which no test may use, keep their own addresses through pasta's tap path.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
. "$(dirname "$0")/../lib/machines.sh"
require_network_helper pasta
require_free_port 8082

make_web_rootfs "$T/root" web
mkdir -p "$T/root/www/cgi-bin"
printf '#!/bin/sh\necho "Content-Type: text/plain"\necho\necho "$REMOTE_ADDR"\n' >"$T/root/www/cgi-bin/addr"
chmod +x "$T/root/www/cgi-bin/addr"
start_machine web -D "$T/root" -n -p 8082:80 httpd -f -p 80 -h /www
wait_http http://127.0.0.1:8082/ "hello from web"
case $(http_get http://127.0.0.1:8082/cgi-bin/addr) in
127.0.0.1 | "[::ffff:127.0.0.1]") ;;
*) fail "an IPv4 loopback client is seen as '$(http_get http://127.0.0.1:8082/cgi-bin/addr)'" ;;
esac
assert_eq "[::1]" "$(http_get 'http://[::1]:8082/cgi-bin/addr')" "an IPv6 loopback client"
