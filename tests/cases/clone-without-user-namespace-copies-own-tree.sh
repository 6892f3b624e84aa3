#!/bin/bash
# Where user namespaces are refused (probe deny-userns), `uspawnctl clone` still copies a tree
# only the user owns: a 0000 file and a 0700 directory holding a 0000 file are read by lending
# them u+r (one notice says so) and keep their modes in the copy and in the source; the rest of
# the tree is the same as the source. A file owned by another id that the user may not read stops
# the clone with one line naming it, its owner and why, and leaves no tree behind.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"

deny=("$PROBE" deny-userns --)
make_clone_tree "$T/src"
rm -f "$T/src/usr/bin/capped" # a file capability only root of a user namespace may write
mkdir -p "$T/src/root/private" && echo p >"$T/src/root/private/key" && chmod 0000 "$T/src/root/private/key"
chmod 0000 "$T/src/root/private"
touch -d '2002-03-04 05:06:07' "$T/src/root"
"${deny[@]}" "$BUILD/uspawnctl" clone --method=copy "$T/src" copied 2>"$T/err" || fail "clone: $(cat "$T/err")"
assert_eq 1 "$(grep -c "by lending them u+r" "$T/err")" "the notice (stderr: $(cat "$T/err"))"
for t in "$T/src" "$MACHINES/copied"; do
	assert_eq "0 0" "$(stat -c %a "$t/root/private" "$t/etc/secret" | tr '\n' ' ' | sed 's/ $//')" "modes in $t"
	chmod 0700 "$t/root/private"
	assert_eq 0 "$(stat -c %a "$t/root/private/key")" "the inner file's mode in $t"
	touch -d '2002-03-04 05:06:07' "$t/root"
done
assert_same_tree "$T/src" "$MACHINES/copied" "copy without a user namespace"
chmod 0400 "$MACHINES/copied/root/private/key"
assert_eq p "$(cat "$MACHINES/copied/root/private/key")" "the 0000 file's data"

# another owner: made as root of a user namespace of ours (the subordinate range)
require_subordinate_range
make_busybox_rootfs "$T/other"
run_uspawn -D "$T/other" sh -c 'echo s >/etc/theirs && chown 1000:1000 /etc/theirs && chmod 0600 /etc/theirs' ||
	skip "cannot make a file owned by a subordinate id"
st=0
"${deny[@]}" "$BUILD/uspawnctl" clone --method=copy "$T/other" blocked 2>"$T/err" || st=$?
[ "$st" -ne 0 ] || fail "a clone with an unreadable file of another owner succeeded"
assert_contains "$(cat "$T/err")" "etc/theirs" "the error names the file"
assert_contains "$(cat "$T/err")" "is not you" "the error says why"
[ ! -e "$MACHINES/blocked" ] || fail "the failed clone left a tree"
assert_eq "" "$(ls -A "$MACHINES" | grep -v '^copied' || true)" "what is left in the store"
