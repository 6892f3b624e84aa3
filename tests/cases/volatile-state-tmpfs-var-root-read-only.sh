#!/bin/bash
# --volatile=state: the tree read-only with a tmpfs on /var: writing to /etc fails with EROFS,
# /var is empty and writable, and nothing reaches the tree.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/tree-snapshot.sh"

make_busybox_rootfs "$T/root"
echo tree >"$T/root/var/tmp/from-tree"
before=$(tree_snapshot "$T/root")
out=$(run_uspawn -D "$T/root" --volatile=state sh -c '
	cat /etc/hostname; probe write-file /etc/x; ls -A /var | wc -l; echo v >/var/v && cat /var/v')
assert_eq "busybox
EROFS
0
v" "$out" "the container's view"
assert_eq "$before" "$(tree_snapshot "$T/root")" "the tree"
