# tests/lib/network.sh — sourced after common.sh by the -n/--network-veth cases.
# Every address a case touches is on this machine: the host's loopback, the container's own
# namespace, or namespaces the case makes.

BB=/bin/busybox

# Skip unless the helper the case needs is installed and the tun device opens (test setup as
# root restores Debian's 0666 on /dev/net/tun).
require_network_helper() { # [pasta|slirp4netns]
	local h=${1:-pasta}
	command -v "$h" >/dev/null || skip "$h is not installed (apt-get install $([ "$h" = pasta ] && echo passt || echo "$h"))"
	{ exec 9<>/dev/net/tun; } 2>/dev/null || skip "/dev/net/tun does not open for $(id -un) (an admin can chmod 0666 /dev/net/tun)"
	exec 9>&-
}

# A host port nobody listens on (TCP, IPv4 or IPv6), or skip.
require_free_port() { # PORT
	[ -z "$(port_listeners "$1")" ] || skip "host port $1 is in use: $(port_listeners "$1")"
}
# A TCP port nobody listens on (20000-29999, starting at one of the case's own), or skip: for
# cases on the host's network, which cannot bind a fixed port that another run may hold.
pick_free_port() {
	local p
	for p in $(seq $((20000 + $$ % 5000)) 29999); do
		[ -n "$(port_listeners "$p")" ] || { echo "$p"; return 0; }
	done
	skip "no free TCP port in 20000-29999"
}
# wait_listening PORT PID LOG: within 10 s something listens on PORT, while PID lives.
wait_listening() {
	local i
	for i in $(seq 100); do
		[ -z "$(port_listeners "$1")" ] || return 0
		kill -0 "$2" 2>/dev/null || fail "the server exited: $(cat "$3")"
		sleep 0.1
	done
	fail "nothing listens on port $1 after 10 s: $(cat "$3")"
}
port_listeners() { # PORT: the listening sockets on PORT, empty when none
	ss -Hltn "sport = :$1" 2>/dev/null
}

# http_get URL: the body, by curl with a 3 s timeout (-g: IPv6 literals, http://[::1]:P/). 
# In a tree use "timeout 5 wget -q -O- URL": Debian 12's BusyBox wget crashes with -T.
http_get() { curl -gsf --max-time 3 "$1" 2>/dev/null; }

# wait_http URL EXPECTED: within 10 s, URL's body contains EXPECTED.
wait_http() {
	local i body=
	for i in $(seq 50); do
		body=$(http_get "$1" || true)
		case $body in *"$2"*) return 0 ;; esac
		sleep 0.2
	done
	fail "no '$2' from $1 within 10 s (last body: '$body')"
}

# A BusyBox tree with /www/index.html saying its name.
make_web_rootfs() { # DIR NAME
	make_busybox_rootfs "$1"
	mkdir -p "$1/www"
	echo "hello from $2" >"$1/www/index.html"
}
