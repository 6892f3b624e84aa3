#!/bin/bash
# `uspawnctl clone --method=hardlink` links every regular file to the source's inode (no data
# copied) and recreates directories, links and FIFOs with their metadata; DST.clone records
# "hardlink" and the source's path, which is what makes later runs of DST protect the source.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"
require_full_subordinate_range

make_clone_tree "$T/src"
add_subordinate_owners "$T/src"
"$USPAWNCTL" clone --method=hardlink "$T/src" linked 2>"$T/err" || fail "clone: $(cat "$T/err")"
assert_contains "$(cat "$T/err")" "method hardlink" "the method is said"
assert_same_tree "$T/src" "$MACHINES/linked" "hard-link clone" nolinks
for f in etc/marker opt/sparse home/alice/suid usr/bin/sgid; do
	assert_eq "$(stat -c %i "$T/src/$f")" "$(stat -c %i "$MACHINES/linked/$f")" "$f is the source's inode"
done
[ "$(stat -c %i "$T/src/opt")" != "$(stat -c %i "$MACHINES/linked/opt")" ] || fail "a directory was shared"
assert_eq hardlink "$(jq -r .method "$MACHINES/linked.clone")" "clone record method"
assert_eq "$(realpath "$T/src")" "$(jq -r .source "$MACHINES/linked.clone")" "clone record source"
