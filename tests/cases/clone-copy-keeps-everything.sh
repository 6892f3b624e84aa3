#!/bin/bash
# `uspawnctl clone --method=copy` makes a copy that keeps modes, owners (subordinate ones too),
# times of files and directories, symbolic link targets, xattrs (a file capability too), holes,
# set-id bits and the tree's own hard links, never entering a link that points out of the tree;
# DST.clone says "copy".
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"
require_full_subordinate_range

make_clone_tree "$T/src"
add_subordinate_owners "$T/src"
"$USPAWNCTL" clone --method=copy "$T/src" copied 2>"$T/err" || fail "clone: $(cat "$T/err")"
assert_contains "$(cat "$T/err")" "method copy" "the method is said"
assert_same_tree "$T/src" "$MACHINES/copied" "copy"
assert_eq "$((SUBUID_START + 999)):$((SUBGID_START + 49)) 4750" \
	"$(stat -c '%u:%g %a' "$MACHINES/copied/home/alice/suid")" "subordinate owner and setuid bit"
assert_eq 2755 "$(stat -c %a "$MACHINES/copied/usr/bin/sgid")" "setgid file"
[ "$(stat -c %i "$MACHINES/copied/usr/bin/sgid")" = "$(stat -c %i "$MACHINES/copied/usr/bin/sgid-link")" ] ||
	fail "the tree's own hard link became two files"
[ "$(stat -c %i "$T/src/etc/marker")" != "$(stat -c %i "$MACHINES/copied/etc/marker")" ] ||
	fail "a copy shares an inode with its source"
[ "$(du -k "$MACHINES/copied/opt/sparse" | cut -f1)" -lt 1024 ] ||
	fail "the sparse file lost its holes: $(du -k "$MACHINES/copied/opt/sparse")"
assert_eq "$T/outside" "$(readlink "$MACHINES/copied/opt/escape")" "link target kept verbatim"
assert_eq "file" "$(ls "$T/outside")" "nothing written through the link out of the tree"
if getfattr -n security.capability "$T/src/usr/bin/capped" >/dev/null 2>&1; then
	getfattr -n security.capability "$MACHINES/copied/usr/bin/capped" >/dev/null 2>&1 || fail "file capability lost"
fi
assert_eq copy "$(jq -r .method "$MACHINES/copied.clone")" "clone record"
