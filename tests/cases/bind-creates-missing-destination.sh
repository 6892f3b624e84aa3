#!/bin/bash
# A bind's DST that does not exist in the tree is created (with its parents), for a directory
# and for a file source.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/host"
echo dir-content >"$T/host/f"
echo file-content >"$T/hostfile"
[ ! -e "$T/root/a" ] || fail "test setup: /a exists"
out=$(run_uspawn -D "$T/root" --bind="$T/host:/a/b/c" --bind-ro="$T/hostfile:/etc/x/single.conf" \
	sh -c 'cat /a/b/c/f; cat /etc/x/single.conf')
assert_eq $'dir-content\nfile-content' "$out" "content at the created destinations"
