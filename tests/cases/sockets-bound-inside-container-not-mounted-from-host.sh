#!/bin/bash
# /dev/log and /run/host/notify are bound by the container in its own tmpfs and served by uspawn
# through the descriptor it hands over: neither is a mount of a host socket (so the host never
# has a name for them), both are sockets any user inside may write to (0666), and a message an
# unprivileged user sends to /dev/log comes out on uspawn's stderr.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" -M sockets --notify-ready=yes sh -c '
	awk "\$5 == \"/dev/log\" || \$5 == \"/run/host/notify\" { print \"mounted:\", \$5 }" /proc/self/mountinfo
	stat -c "%F %a" /dev/log /run/host/notify
	probe become 65534 65534 -- probe send-dgram /dev/log "<13>inside: from nobody"
	probe send-dgram /run/host/notify READY=1' 2>"$T/err")
assert_eq $'socket 666\nsocket 666\nok\nok' "$out" "two sockets, no mounts, writable by nobody"
assert_contains "$(cat "$T/err")" "sockets: inside: from nobody" "the relayed line"
