#!/bin/bash
# run-as: nosub
# A user without a subordinate range clones, renames and removes trees of their own files just
# the same (the user namespace maps only root), by copy and by hard links, and an import's
# NAME.owners record travels with the clone.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"
require_no_subordinate_range

make_clone_tree "$T/src"
for m in copy hardlink; do
	"$USPAWNCTL" clone --method=$m "$T/src" "c-$m" 2>"$T/err" || fail "clone --method=$m: $(cat "$T/err")"
	assert_contains "$(cat "$T/err")" "method $m" "method $m said"
	assert_same_tree "$T/src" "$MACHINES/c-$m" "$m clone" $([ $m = hardlink ] && echo nolinks)
done
tar --numeric-owner --owner=0 --group=0 --exclude=./etc/secret -cf "$T/img.tar" -C "$T/src" ./etc ./bin
tar --numeric-owner --owner=1000 --group=50 -rf "$T/img.tar" -C "$T/src" ./opt/ro
"$USPAWNCTL" import-tar "$T/img.tar" img 2>/dev/null
[ -s "$MACHINES/img.owners" ] || fail "setup: the import recorded no owners"
"$USPAWNCTL" clone img img2 2>/dev/null
assert_eq "$(cat "$MACHINES/img.owners")" "$(cat "$MACHINES/img2.owners")" "NAME.owners copied"
"$USPAWNCTL" rename img2 img3
[ -e "$MACHINES/img3.owners" ] && [ ! -e "$MACHINES/img2.owners" ] || fail "rename moved the owners record"
"$USPAWNCTL" remove c-copy c-hardlink img img3 2>"$T/err" || fail "remove: $(cat "$T/err")"
assert_eq "" "$(ls -A "$MACHINES")" "nothing left"
