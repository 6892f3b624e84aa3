#!/bin/bash
# Deleting a file and a directory that come from the lower layer works (a whiteout and an opaque
# directory in the upper), a directory removed and made again is empty, and the lower is intact.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/lower/d/sub" "$T/upper"
echo a >"$T/lower/f"
echo b >"$T/lower/d/sub/x"
before=$(cd "$T/lower" && find . -printf '%p %m %s\n' | sort)
out=$(run_uspawn -D "$T/root" --overlay="$T/lower:$T/upper:/srv" \
	sh -c 'rm /srv/f && rm -rf /srv/d && mkdir /srv/d && ls -A /srv; ls -A /srv/d | wc -l; [ -e /srv/f ] || echo gone')
assert_eq "d
0
gone" "$out" "the container's view after the deletes"
assert_eq "$before" "$(cd "$T/lower" && find . -printf '%p %m %s\n' | sort)" "the lower layer"
# seen again by a second run: the whiteout persists in the upper
out=$(run_uspawn -D "$T/root" --overlay="$T/lower:$T/upper:/srv" sh -c 'ls -A /srv; ls -A /srv/d | wc -l')
assert_eq "d
0" "$out" "a second run over the same upper"
