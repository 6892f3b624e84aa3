#!/bin/bash
# run-as: nosub
# A daemon that drops privileges itself, under root emulation in both backends (userns: seccomp
# user notification; trace: fake root), on the host's network: BusyBox httpd -u alice:staff
# serves a page, its CGI runs as alice (id -u, id -g, the status lines) and the file it writes
# is alice's, in this run and the next; the two backends answer the same.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
require_no_subordinate_range
command -v curl >/dev/null || skip "curl is not installed"

serve() { # BACKEND: what the host gets from the daemon
	local be=$1 r=$T/$1 port pid
	make_web_rootfs "$r" "$be"
	mkdir -p "$r/www/cgi-bin"
	cat >"$r/www/cgi-bin/ids" <<-'C'
	#!/bin/sh
	printf 'Content-Type: text/plain\r\n\r\n'
	id -u; id -g; grep -E '^(Uid|Gid):' /proc/self/status
	echo made >/var/tmp/cgi-made && stat -c '%U:%G' /var/tmp/cgi-made
	C
	chmod 755 "$r/www/cgi-bin/ids"
	port=$(pick_free_port)
	"$USPAWN" -q --backend="$be" -D "$r" httpd -f -p "127.0.0.1:$port" -h /www -u alice:staff \
		</dev/null >"$T/$be.log" 2>&1 &
	pid=$!
	wait_listening "$port" "$pid" "$T/$be.log"
	http_get "http://127.0.0.1:$port/" || echo "no page"
	http_get "http://127.0.0.1:$port/cgi-bin/ids" || echo "no CGI answer"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	run_uspawn --backend="$be" -D "$r" stat -c '%u:%g %U' /var/tmp/cgi-made
}

want=$'hello from X\n1000\n50\nUid:\t1000\t1000\t1000\t1000\nGid:\t50\t50\t50\t50\nalice:staff\n1000:50 alice'
b=$(serve trace)
assert_eq "${want/X/trace}" "$b" "trace: page, the CGI's ids, its file's owner, and in the next run"
if "$USPAWNCTL" check --json | jq -e .userns.ok >/dev/null 2>&1; then
	a=$(serve userns)
	assert_eq "${want/X/userns}" "$a" "userns root emulation: page, the CGI's ids, its file's owner, and in the next run"
fi
