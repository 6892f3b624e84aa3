#!/bin/bash
# End to end with the real verb: `uspawnctl clone --method=hardlink` of the 2013 Debian tree,
# then a run of the clone that appends, truncates, chmods and copies over files: the source tree
# is unchanged, the clone changed; an ephemeral run (-x) of the clone gets no shim (its writes go
# to the overlay's upper layer, never to the tree).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

unpack_2013_tree "$T/src"
"$USPAWNCTL" clone --method=hardlink "$T/src" "$T/clone" >/dev/null 2>&1 </dev/null
assert_contains "$(cat "$T/clone.clone")" hardlink "the clone record"
manifest() { # TREE
	(cd "$1" && find . -printf '%p %y %i %m %U %G %s %T@ %l\n' | sort &&
		find . -type f -print0 | sort -z | xargs -0 sha256sum)
}
manifest "$T/src" >"$T/before"
out=$(run_uspawn -D "$T/clone" /bin/bash -c 'echo x >>/etc/issue; echo y >/etc/issue.net
	chmod 600 /etc/host.conf; cp /bin/true /bin/false; echo "P=$LD_PRELOAD"' 2>&1)
assert_contains "$out" "P=/run/host/uspawn/libuspawn-cow.so" "the run's LD_PRELOAD"
eph=$(run_uspawn -x -D "$T/clone" /bin/bash -c 'echo "P=$LD_PRELOAD"' 2>&1) ||
	skip "ephemeral runs are not available here: $eph"
assert_eq "P=" "$eph" "the ephemeral run's LD_PRELOAD"
manifest "$T/src" >"$T/after"
diff -u "$T/before" "$T/after" >&2 || fail "the source tree changed"
assert_eq y "$(cat "$T/clone/etc/issue.net")" "the clone's /etc/issue.net"
assert_eq 600 "$(stat -c %a "$T/clone/etc/host.conf")" "the clone's /etc/host.conf mode"
