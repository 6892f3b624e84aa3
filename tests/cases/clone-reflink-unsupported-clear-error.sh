#!/bin/bash
# --method=reflink on a filesystem without FICLONE fails with one line naming the file and
# --method=auto, and leaves neither DST nor a temporary behind.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"

make_image_tree "$T/src"
echo probe >"$T/probe"
cp --reflink=always "$T/probe" "$T/probe2" 2>/dev/null &&
	skip "$(stat -f -c %T "$T") supports reflinks here (clone-reflink-copies-share-nothing covers it)"
assert_status 1 "forced reflink" -- "$USPAWNCTL" clone --method=reflink "$T/src" rl 2>"$T/err"
assert_contains "$(cat "$T/err")" "FICLONE" "error names the mechanism"
assert_contains "$(cat "$T/err")" "--method=auto" "error names the remedy"
assert_no_machine rl "refused reflink"
[ ! -e "$MACHINES/rl.clone" ] || fail "a clone record was left"
