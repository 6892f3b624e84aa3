#!/bin/bash
# The point of a hard-link clone: a machine run on it may change any file (rewrite, append,
# truncate, chmod, touch, replace by cp, sed -i, useradd) and the source tree stays identical,
# checksums and metadata of every entry, because uspawn injects the copy-on-write shim
# (libuspawn-cow.so) into runs of a tree whose DST.clone record says "hardlink".
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"
[ -e "$BUILD/libuspawn-cow.so" ] || skip "preload shim not built"
require_full_subordinate_range
bw=$(bookworm_rootfs)

# our own golden tree (the shared fixture must never be at stake), then its hard-link clone
"$USPAWNCTL" clone --method=copy "$bw" golden 2>/dev/null
"$USPAWNCTL" clone --method=hardlink golden work 2>"$T/err" || fail "clone: $(cat "$T/err")"
assert_contains "$(cat "$T/err")" "method hardlink" "a hard-link clone"
clone_listing "$MACHINES/golden" nolinks >"$T/list-before"
clone_checksums "$MACHINES/golden" >"$T/sums-before"
clone_xattrs "$MACHINES/golden" >"$T/xattrs-before"

run_uspawn -M work sh -c '
	set -e
	echo changed >/etc/hostname
	echo "# appended" >>/etc/bash.bashrc
	: >/etc/motd
	truncate -s 10 /etc/debian_version
	chmod 0600 /etc/shells
	chown 1:1 /etc/issue.net
	touch -d 2001-01-01 /usr/bin/ls
	cp /etc/os-release /etc/issue
	sed -i "s/^root:/root:/;1s/$/ /" /etc/passwd
	perl -e "open(F, \">>\", \"/etc/profile\") or die; print F \"# perl\\n\""
	useradd -m tester
	echo done' >"$T/out" 2>&1 || fail "the run failed: $(cat "$T/out")"
assert_contains "$(cat "$T/out")" done "the run finished"
assert_eq changed "$(cat "$MACHINES/work/etc/hostname")" "the clone changed"
grep -q '^tester:' "$MACHINES/work/etc/passwd" || fail "useradd did not change the clone"

diff "$T/list-before" <(clone_listing "$MACHINES/golden" nolinks) >"$T/diff" ||
	fail "the source's metadata changed: $(head -20 "$T/diff")"
diff "$T/sums-before" <(clone_checksums "$MACHINES/golden") >"$T/diff" ||
	fail "the source's contents changed: $(head -20 "$T/diff")"
diff "$T/xattrs-before" <(clone_xattrs "$MACHINES/golden") >"$T/diff" || fail "the source's xattrs changed"
