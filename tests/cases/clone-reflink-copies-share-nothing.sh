#!/bin/bash
# Where the filesystem supports FICLONE (btrfs, xfs), --method=reflink and the automatic choice
# both give a complete clone whose files are independent inodes sharing extents, and the clone
# says which method it used. Test setup (as root) loop-mounts an XFS image with reflinks for
# this, since the host's own filesystems are usually ext4; without it the case runs where $T is,
# and skips naming the filesystem when that has no reflinks.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"

W=$T
if [ -n "${USPAWN_REFLINK_DIR:-}" ]; then
	W=$(mktemp -d "$USPAWN_REFLINK_DIR/case.XXXXXX")
	trap 'chmod -R u+w "$W" 2>/dev/null; rm -rf "$W"' EXIT
	export XDG_DATA_HOME=$W/xdg
	MACHINES=$XDG_DATA_HOME/uspawn/machines
fi
echo probe >"$W/probe"
cp --reflink=always "$W/probe" "$W/probe2" 2>/dev/null ||
	skip "FICLONE is not supported on $(stat -f -c %T "$W") (needs btrfs or xfs with reflink=1; ${USPAWN_REFLINK_DIR_WHY:-no reflink scratch filesystem from test setup})"
make_clone_tree "$W/src"
"$USPAWNCTL" clone --method=reflink "$W/src" rl 2>"$T/err" || fail "clone: $(cat "$T/err")"
assert_contains "$(cat "$T/err")" "method reflink" "the method is said"
assert_same_tree "$W/src" "$MACHINES/rl" "reflink clone"
[ "$(stat -c %i "$W/src/etc/marker")" != "$(stat -c %i "$MACHINES/rl/etc/marker")" ] || fail "an inode is shared"
echo changed >"$MACHINES/rl/etc/marker"
assert_eq marker-content "$(cat "$W/src/etc/marker")" "the source is independent"

"$USPAWNCTL" clone "$W/src" auto 2>"$T/err" || fail "clone (auto): $(cat "$T/err")"
assert_contains "$(cat "$T/err")" "method reflink" "auto picks reflink where the filesystem has it"
assert_contains "$(cat "$MACHINES/auto.clone")" '"reflink"' "the record says reflink"
assert_same_tree "$W/src" "$MACHINES/auto" "automatic clone"
