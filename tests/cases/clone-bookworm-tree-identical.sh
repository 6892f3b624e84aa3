#!/bin/bash
# A clone of the bookworm tree (owned by the user and the subordinate range, as a container left
# it) is identical to it entry by entry: types, modes, owners, sizes, times, link targets, link
# groups (the tree's own hard links; link counts also reflect other clones of the shared
# fixture), contents and xattrs, by copy and by hard links. Device nodes are the one exception of a
# copy (no CAP_MKNOD in a user namespace): skipped and said so, as /dev is built at run time.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"
require_full_subordinate_range
src=$(bookworm_rootfs)

without_dev() { grep -v ' dev/' || true; }
"$USPAWNCTL" clone --method=copy "$src" bw-copy 2>"$T/err" || fail "copy: $(cat "$T/err")"
cat "$T/err"
diff <(clone_listing "$src" nolinks | without_dev) <(clone_listing "$MACHINES/bw-copy" nolinks | without_dev) \
	>"$T/diff" || fail "copy: listings differ: $(head -20 "$T/diff")"
diff <(clone_inner_links "$src") <(clone_inner_links "$MACHINES/bw-copy") >"$T/diff" ||
	fail "copy: hard links inside differ: $(head "$T/diff")"
[ -n "$(clone_inner_links "$src")" ] || fail "the fixture has no hard links inside (perl, gunzip): the check is void"
if [ -n "$(find "$src/dev" -mindepth 1 \( -type c -o -type b \) 2>/dev/null)" ]; then
	assert_contains "$(cat "$T/err")" "device nodes were skipped" "skipped devices are said"
fi
diff <(clone_checksums "$src") <(clone_checksums "$MACHINES/bw-copy") >"$T/diff" || fail "copy: contents differ"
diff <(clone_xattrs "$src") <(clone_xattrs "$MACHINES/bw-copy") >"$T/diff" || fail "copy: xattrs differ"

"$USPAWNCTL" clone --method=hardlink "$src" bw-link 2>"$T/err" || fail "hardlink: $(cat "$T/err")"
cat "$T/err"
assert_not_contains "$(cat "$T/err")" "were copied" "every file could be linked"
assert_same_tree "$src" "$MACHINES/bw-link" "hard-link clone" nolinks
assert_eq "$(stat -c %i "$src/usr/bin/perl")" "$(stat -c %i "$MACHINES/bw-link/usr/bin/perl")" "perl is shared"
