#!/bin/bash
# The trace backend emulates the plan without mounts: --bind shows a host directory at its
# destination (writes reach the host), --bind-ro and --read-only refuse writes with EROFS while
# /tmp stays writable and private (not the host's /tmp, gone after the run), rename and link across
# the bind fail as across mounts (EXDEV), and /proc and /dev are the host's.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/shared" "$T/ro"
echo from-host >"$T/ro/file"
out=$(run_uspawn --backend=trace -D "$T/root" --read-only --bind="$T/shared:/mnt/shared" --bind-ro="$T/ro:/mnt/ro" sh -c '
	echo written >/mnt/shared/new && echo bind-write-ok
	cat /mnt/ro/file
	probe path open /mnt/ro/file
	probe write-file /mnt/ro/other
	probe write-file /etc/new-file
	probe mknod /mnt/ro/fifo p
	echo tmp >/tmp/private && cat /tmp/private
	ls /tmp
	probe path rename /mnt/shared/new /tmp/moved
	probe path link /mnt/shared/new /tmp/linked
	probe path rename /mnt/shared/new /mnt/shared/renamed
	probe path stat /dev/null
	test -e /proc/1/status && echo host-proc')
want="bind-write-ok
from-host
from-host
EROFS
EROFS
EROFS
tmp
private
EXDEV
EXDEV
ok
size=0
host-proc"
assert_eq "$want" "$out" "binds and read-only"
assert_eq written "$(cat "$T/shared/renamed")" "write through the bind reached the host"
[ ! -e "$T/root/etc/new-file" ] || fail "read-only root was written"
[ ! -e /tmp/private ] || [ "$(cat /tmp/private)" != tmp ] || fail "guest /tmp is the host's"
