#!/bin/bash
# --volatile=overlay (and Volatile=overlay in a .nspawn file): the tree is the read-only lower
# layer of an overlay root on a tmpfs: changes are seen inside, gone at exit; the machine keeps
# its name (no random suffix: that is -x).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/tree-snapshot.sh"

make_busybox_rootfs "$T/root"
before=$(tree_snapshot "$T/root")
out=$(run_uspawn -D "$T/root" --volatile=overlay sh -c 'echo c >>/etc/hostname; cat /etc/hostname; hostname;
	awk '"'"'$5 == "/" { for (i = 7; $i != "-"; i++); print $(i + 1) }'"'"' /proc/self/mountinfo')
# the root's file system: the kernel's overlayfs, or fuse-overlayfs where the kernel refuses it
out=$(sed 's/^fuse\.fuse-overlayfs$/overlay/' <<<"$out")
assert_eq "busybox
c
root
overlay" "$out" "the container's view"
assert_eq "$before" "$(tree_snapshot "$T/root")" "the tree"
printf '[Files]\nVolatile=overlay\n' >"$T/root.nspawn"
out=$(run_uspawn -D "$T/root" sh -c 'echo c >/etc/hostname; awk '"'"'$5 == "/" { for (i = 7; $i != "-"; i++); print $(i + 1) }'"'"' /proc/self/mountinfo')
assert_eq overlay "$(sed 's/^fuse\.fuse-overlayfs$/overlay/' <<<"$out")" "Volatile=overlay from root.nspawn"
assert_eq "$before" "$(tree_snapshot "$T/root")" "the tree after the .nspawn run"
