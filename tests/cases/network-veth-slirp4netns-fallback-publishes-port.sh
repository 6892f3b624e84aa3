#!/bin/bash
# The slirp4netns fallback (forced with USPAWN_NETWORK_HELPER, as when pasta is missing) says
# on one line that it is used and how to get pasta, connects host0 with its resolver 10.0.2.3,
# and publishes -p ports on the host's IPv4 addresses.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
require_network_helper slirp4netns
require_free_port 8083

make_web_rootfs "$T/root" slirp
USPAWN_NETWORK_HELPER=slirp4netns "$USPAWN" -D "$T/root" -n -p 8083:80 sh -c \
	'cat /etc/resolv.conf; ip route | grep ^default; exec httpd -f -p 80 -h /www' </dev/null >"$T/out" 2>&1 &
pid=$!
trap 'kill -KILL $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
wait_http http://127.0.0.1:8083/ "hello from slirp"
out=$(cat "$T/out")
assert_contains "$out" "uspawn: Connecting the container's network through slirp4netns (USPAWN_NETWORK_HELPER=slirp4netns); apt-get install passt" "the notice"
assert_eq 1 "$(grep -c '^uspawn:' "$T/out")" "one line from uspawn"
assert_contains "$out" "nameserver 10.0.2.3" "resolv.conf"
assert_contains "$out" "dev host0" "the default route"
kill -TERM $pid
wait $pid || true
