#!/bin/bash
# Removing the source of a hard-link clone leaves the clone whole (its files are links of their
# own to the same inodes), and it still runs.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"

make_clone_tree "$T/tree"
"$USPAWNCTL" import-fs "$T/tree" origin 2>/dev/null
"$USPAWNCTL" clone --method=hardlink origin twin 2>"$T/err" || fail "clone: $(cat "$T/err")"
clone_checksums "$MACHINES/twin" >"$T/before"
clone_listing "$MACHINES/twin" nolinks >"$T/list-before"
"$USPAWNCTL" remove origin 2>"$T/err" || fail "remove: $(cat "$T/err")"
[ ! -e "$MACHINES/origin" ] || fail "origin is still there"
diff "$T/before" <(clone_checksums "$MACHINES/twin") >/dev/null || fail "the clone's contents changed"
diff "$T/list-before" <(clone_listing "$MACHINES/twin" nolinks) >/dev/null || fail "the clone's metadata changed"
assert_eq marker-content "$(run_uspawn -M twin cat /etc/marker)" "the clone runs"
