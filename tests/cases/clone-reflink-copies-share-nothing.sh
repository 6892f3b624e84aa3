#!/bin/bash
# --method=reflink, where the filesystem supports FICLONE (btrfs, xfs), gives a complete clone
# whose files are independent inodes; elsewhere skipped with the filesystem named.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"

echo probe >"$T/probe"
cp --reflink=always "$T/probe" "$T/probe2" 2>/dev/null ||
	skip "FICLONE is not supported on $(stat -f -c %T "$T") (the case needs btrfs or xfs with reflink=1)"
make_clone_tree "$T/src"
"$USPAWNCTL" clone --method=reflink "$T/src" rl 2>"$T/err" || fail "clone: $(cat "$T/err")"
assert_contains "$(cat "$T/err")" "method reflink" "the method is said"
assert_same_tree "$T/src" "$MACHINES/rl" "reflink clone"
[ "$(stat -c %i "$T/src/etc/marker")" != "$(stat -c %i "$MACHINES/rl/etc/marker")" ] || fail "an inode is shared"
echo changed >"$MACHINES/rl/etc/marker"
assert_eq marker-content "$(cat "$T/src/etc/marker")" "the source is independent"
