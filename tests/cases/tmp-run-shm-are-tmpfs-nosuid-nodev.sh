#!/bin/bash
# /tmp, /run and /dev/shm are fresh writable tmpfs mounted nosuid,nodev; /tmp and /dev/shm are
# sticky and world-writable (1777), /run 0755 (holding only uspawn's /run/host); writes there
# never reach the tree.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
echo tree-tmp >"$T/root/tmp/tree-file"
for d in /tmp /run /dev/shm; do
	out=$(run_uspawn -D "$T/root" sh -c "probe statfs $d; probe write-file $d/x; stat -c %a $d; ls -A $d")
	assert_eq tmpfs "$(sed -n 1p <<<"$out" | awk '{ print $2 }')" "filesystem at $d"
	flags=,$(sed -n 1p <<<"$out" | awk '{ print $1 }'),
	assert_contains "$flags" ",rw," "$d flags"
	assert_contains "$flags" ",nosuid," "$d flags"
	assert_contains "$flags" ",nodev," "$d flags"
	assert_eq ok "$(sed -n 2p <<<"$out")" "write in $d"
	case $d in /run) want=755 ;; *) want=1777 ;; esac
	assert_eq "$want" "$(sed -n 3p <<<"$out")" "mode of $d"
	case $d in /run) want="host x" ;; *) want=x ;; esac # /run/host: the Container Interface's
	assert_eq "$want" "$(sed -n '4,$p' <<<"$out" | paste -sd' ')" "content of $d (fresh)"
done
[ ! -e "$T/root/tmp/x" ] || fail "a write in /tmp reached the tree"
