#!/bin/bash
# --volatile=yes: the root is an empty tmpfs with only the tree's /usr, read-only (and the
# tree's top-level links into usr, as a merged-/usr system has them): /etc is not the tree's,
# writing to / works and is gone at exit, writing under /usr fails with EROFS.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/tree-snapshot.sh"

make_busybox_rootfs "$T/root"
# merged /usr: the applets live in usr/bin, bin is a link to it
mv "$T/root/bin/busybox" "$T/root/usr/bin/busybox"
rm -rf "$T/root/bin" "$T/root/sbin"
ln -s usr/bin "$T/root/bin"; ln -s usr/sbin "$T/root/sbin"
find "$T/root/usr" -type l -lname /bin/busybox -exec ln -sf /usr/bin/busybox {} \;
before=$(tree_snapshot "$T/root")
out=$("$USPAWN" -q -D "$T/root" --volatile=yes /usr/bin/busybox sh -c '
	[ -e /etc/hostname ] && echo tree-etc || echo no-tree-etc
	echo x >/new && cat /new; probe write-file /usr/x; readlink /bin; awk '"'"'$5 == "/" { for (i = 7; $i != "-"; i++); print $(i + 1) }'"'"' /proc/self/mountinfo' </dev/null)
assert_eq "no-tree-etc
x
EROFS
usr/bin
tmpfs" "$out" "the volatile root"
assert_eq "$before" "$(tree_snapshot "$T/root")" "the tree"
st=0
err=$("$USPAWN" -q -D "$T/root" --volatile=yes --ephemeral true 2>&1 </dev/null) || st=$?
assert_eq 1 "$st" "-x with --volatile=yes"
assert_contains "$err" "choose one" "the message"
