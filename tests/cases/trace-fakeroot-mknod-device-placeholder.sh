#!/bin/bash
# The trace backend's fake root: mknod of a character or block device succeeds as an empty
# regular placeholder whose type and numbers show inside (ls -l, stat), now and in the next run.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
run() { run_uspawn --backend=trace -D "$T/root" "$@"; }

run sh -c 'mknod /var/null c 1 3 && mknod /var/sda b 8 0 && mknod /var/fifo p && chown 0:6 /var/sda'
out=$(run sh -c 'stat -c "%F %t %T %u %g" /var/null /var/sda /var/fifo')
assert_eq $'character special file 1 3 0 0\nblock special file 8 0 0 6\nfifo 0 0 0 0' "$out" "stat in a fresh run"
ls=$(run ls -l /var/null)
case $ls in c*) ;; *) fail "ls -l /var/null does not show a character device: $ls" ;; esac
assert_contains "$ls" "1,   3" "ls -l major, minor"
[ -f "$T/root/var/null" ] && [ ! -s "$T/root/var/null" ] || fail "the placeholder on the host is not an empty file"
assert_eq "EPERM" "$(run probe become 33 33 -- sh -c 'mknod /var/x c 1 3 2>/dev/null && echo made || echo EPERM')" \
	"a non-root process may not make devices"
