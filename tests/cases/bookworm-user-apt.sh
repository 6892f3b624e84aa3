#!/bin/bash
# -u _apt in the bookworm tree: the system user from its /etc/passwd (uid 42, gid 65534 nogroup),
# HOME=/nonexistent from passwd, and the command starts in / since that home does not exist.
. "$(dirname "$0")/../lib/common.sh"

require_subordinate_range
tree=$(bookworm_rootfs)
line=$(grep '^_apt:' "$tree/etc/passwd") || skip "the bookworm tree has no _apt user"
uid=$(cut -d: -f3 <<<"$line") gid=$(cut -d: -f4 <<<"$line") home=$(cut -d: -f6 <<<"$line")
out=$(run_uspawn -D "$tree" --read-only -u _apt sh -c 'id -u; id -g; echo "$HOME"; pwd')
assert_eq "$uid" "$(sed -n 1p <<<"$out")" "uid"
assert_eq "$gid" "$(sed -n 2p <<<"$out")" "gid"
assert_eq "$home" "$(sed -n 3p <<<"$out")" "HOME"
[ -d "$tree$home" ] || assert_eq / "$(sed -n 4p <<<"$out")" "cwd (home $home missing)"
