#!/bin/bash
# AF_UNIX socket paths under --backend=trace are guest paths: bind creates the socket inside the
# tree, sendto, connect and sendmsg reach it there, a relative path is relative to the guest's
# working directory, and getsockname and recvfrom answer guest paths.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/root/srv"
out=$(run_uspawn --backend=trace -D "$T/root" sh -c '
	probe recv-dgram /srv/dgram 1 5000 >/srv/got &
	while [ ! -S /srv/dgram ]; do sleep 0.1; done
	probe send-dgram /srv/dgram hello
	wait; cat /srv/got
	cd /srv && probe recv-dgram rel 1 5000 >got2 &
	while [ ! -S /srv/rel ]; do sleep 0.1; done
	cd / && probe send-dgram /srv/rel again; wait; cat /srv/got2
	probe recv-dgram /srv/d3 1 5000 >/srv/got3 &
	while [ ! -S /srv/d3 ]; do sleep 0.1; done
	probe path connect /srv/d3; probe path connect /srv/nowhere; probe path sendmsg /srv/d3
	wait; cat /srv/got3
	probe path getsockname /srv/named; probe path recvfrom /srv/from')
assert_eq "ok
listening
hello
ok
listening
again
ok
ENOENT
ok
listening
sendmsg
/srv/named len=13
/srv/from.2 len=14" "$out" "datagrams through guest socket paths"
[ -s "$T/root/srv/got2" ] || fail "the guest's /srv is not the tree's"
