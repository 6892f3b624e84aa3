#!/bin/bash
# The trace backend mounts overlays with fuse-overlayfs through fusermount3 (no user namespace):
# --overlay writes land in the upper and a deleted lower file stays deleted (a whiteout) in a
# second run; --overlay-ro stacks the upper read-only (its whiteouts too) and refuses writes; -x
# and --volatile=overlay see their changes, which are gone at exit with the tree unchanged;
# --volatile=yes is an empty root with the tree's /usr read-only and its top-level links into
# usr. Nothing is left beside the upper or in --ephemeral-dir's DIR.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/tree-snapshot.sh"

command -v fuse-overlayfs >/dev/null || skip "fuse-overlayfs is not installed (apt-get install fuse-overlayfs)"
command -v fusermount3 >/dev/null || skip "fusermount3 is not installed (apt-get install fuse3)"
[ -r /dev/fuse ] && [ -w /dev/fuse ] || skip "/dev/fuse is not usable by $(id -un)"
make_busybox_rootfs "$T/root"
mkdir -p "$T/lower/d" "$T/up"
echo a >"$T/lower/f"; echo b >"$T/lower/d/x"
lower_before=$(tree_snapshot "$T/lower")
out=$(run_uspawn --backend=trace -D "$T/root" --overlay="$T/lower:$T/up/upper:/srv" \
	sh -c 'cat /srv/f; echo new >/srv/n; rm /srv/f; rm -rf /srv/d; ls -A /srv')
assert_eq "a
n" "$out" "the overlay's view"
assert_eq new "$(cat "$T/up/upper/n")" "the new file, in the upper"
assert_eq "$lower_before" "$(tree_snapshot "$T/lower")" "the lower layer"
assert_eq upper "$(ls -A "$T/up")" "beside the upper after exit (the workdir removed)"
assert_eq "n" "$(run_uspawn --backend=trace -D "$T/root" --overlay="$T/lower:$T/up/upper:/srv" ls -A /srv)" \
	"a second run: the deletions persist"
assert_eq "new
ls: /ro/f: No such file or directory
EROFS" "$(run_uspawn --backend=trace -D "$T/root" --overlay-ro="$T/lower:$T/up/upper:/ro" sh -c 'cat /ro/n; ls /ro/f 2>&1; probe write-file /ro/g')" \
	"--overlay-ro"

before=$(tree_snapshot "$T/root")
mkdir "$T/scratch"
out=$(run_uspawn --backend=trace -D "$T/root" -x --ephemeral-dir="$T/scratch" \
	sh -c 'echo x >/etc/new; rm /etc/passwd; rm -rf /usr/bin; cat /etc/new; ls /etc/passwd 2>&1; ls -A /usr')
assert_eq "x
ls: /etc/passwd: No such file or directory
local
sbin" "$out" "-x: the changes seen inside"
assert_eq "" "$(ls -A "$T/scratch")" "--ephemeral-dir after exit"
out=$(run_uspawn --backend=trace -D "$T/root" --volatile=overlay sh -c 'echo c >>/etc/hostname; cat /etc/hostname; hostname')
assert_eq "busybox
c
root" "$out" "--volatile=overlay"
assert_eq "$before" "$(tree_snapshot "$T/root")" "the tree after -x and --volatile=overlay"

# --volatile=yes on a merged-/usr tree
mv "$T/root/bin/busybox" "$T/root/usr/bin/busybox"
rm -rf "$T/root/bin" "$T/root/sbin"
ln -s usr/bin "$T/root/bin"; ln -s usr/sbin "$T/root/sbin"
find "$T/root/usr" -type l -lname /bin/busybox -exec ln -sf /usr/bin/busybox {} \;
before=$(tree_snapshot "$T/root")
out=$(run_uspawn --backend=trace -D "$T/root" --volatile=yes /usr/bin/busybox sh -c '
	[ -e /etc/hostname ] && echo tree-etc || echo no-tree-etc
	echo x >/new && cat /new; probe write-file /usr/x; readlink /bin')
assert_eq "no-tree-etc
x
EROFS
usr/bin" "$out" "--volatile=yes"
assert_eq "$before" "$(tree_snapshot "$T/root")" "the tree after --volatile=yes"
