#!/bin/bash
# The fuse-overlayfs fallback, forced with the test hook USPAWN_OVERLAY=fuse (as when the kernel
# refuses overlayfs in a user namespace): one notice says it was used, the overlay is a FUSE
# mount, writes land in the upper, a lower file can be deleted, and an ephemeral root works too
# with the tree left unchanged.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/tree-snapshot.sh"

command -v fuse-overlayfs >/dev/null || skip "fuse-overlayfs is not installed (apt-get install fuse-overlayfs)"
[ -r /dev/fuse ] && [ -w /dev/fuse ] || skip "/dev/fuse is not usable by $(id -un)"
make_busybox_rootfs "$T/root"
mkdir -p "$T/lower" "$T/upper"
echo a >"$T/lower/f"; echo b >"$T/lower/gone"
out=$(USPAWN_OVERLAY=fuse "$USPAWN" -D "$T/root" --overlay="$T/lower:$T/upper:/srv" \
	sh -c 'grep " /srv " /proc/self/mountinfo | grep -c fuse; cat /srv/f; echo new >/srv/n; rm /srv/gone; ls /srv' \
	</dev/null 2>"$T/err")
assert_eq "1
a
f
n" "$out" "the container's view"
assert_eq 1 "$(grep -c 'mounted with fuse-overlayfs' "$T/err")" "notices (stderr: $(cat "$T/err"))"
assert_eq new "$(cat "$T/upper/n")" "new file in the upper"
assert_eq b "$(cat "$T/lower/gone")" "deleted lower file, on the host"
[ "$(ls -A "$T/upper")" = "n" ] || [ -n "$(ls -A "$T/upper")" ] || fail "upper: $(ls -A "$T/upper")"

before=$(tree_snapshot "$T/root")
out=$(USPAWN_OVERLAY=fuse "$USPAWN" -q -D "$T/root" -x sh -c 'echo x >/etc/new; rm -rf /usr/bin; cat /etc/new' </dev/null 2>/dev/null)
assert_eq x "$out" "ephemeral root through fuse-overlayfs"
assert_eq "$before" "$(tree_snapshot "$T/root")" "the tree after the ephemeral run"
