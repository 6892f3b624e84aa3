#!/bin/bash
# --tmpfs=PATH mounts a fresh, writable tmpfs at PATH (created when missing), mode 0755 by default,
# hiding what the tree has there, and nothing written to it reaches the tree.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/root/srv/cache"
echo tree-file >"$T/root/srv/cache/old"
out=$(run_uspawn -D "$T/root" --tmpfs=/srv/cache --tmpfs=/mnt/new/t sh -c '
	probe statfs /srv/cache; ls -A /srv/cache; echo ---; probe write-file /srv/cache/x
	probe statfs /mnt/new/t; stat -c %a /mnt/new/t')
assert_eq "tmpfs" "$(sed -n 1p <<<"$out" | awk '{ print $2 }')" "filesystem at /srv/cache"
assert_eq "---" "$(sed -n 2p <<<"$out")" "tree's files hidden under the tmpfs"
assert_eq ok "$(sed -n 3p <<<"$out")" "write into the tmpfs"
assert_eq "tmpfs" "$(sed -n 4p <<<"$out" | awk '{ print $2 }')" "filesystem at created /mnt/new/t"
assert_eq 755 "$(sed -n 5p <<<"$out")" "default mode"
[ ! -e "$T/root/srv/cache/x" ] || fail "the write reached the tree"
assert_eq tree-file "$(cat "$T/root/srv/cache/old")" "tree file"
