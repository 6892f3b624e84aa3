#!/bin/bash
# --overlay=LOWER:UPPER:DEST: the container sees LOWER's files at DEST; what it writes there lands
# in UPPER and never in LOWER; the workdir made beside UPPER (.#UPPER<hex>) is gone after exit.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/lower" "$T/up/upper"
echo from-lower >"$T/lower/f"
out=$(run_uspawn -D "$T/root" --overlay="$T/lower:$T/up/upper:/mnt/o" \
	sh -c 'cat /mnt/o/f; echo changed >/mnt/o/f; echo new >/mnt/o/g; cat /mnt/o/f')
assert_eq "from-lower
changed" "$out" "reads through the overlay"
assert_eq from-lower "$(cat "$T/lower/f")" "lower file"
[ ! -e "$T/lower/g" ] || fail "a new file appeared in the lower layer"
assert_eq changed "$(cat "$T/up/upper/f")" "copied-up file in the upper layer"
assert_eq new "$(cat "$T/up/upper/g")" "new file in the upper layer"
assert_eq "upper" "$(ls -A "$T/up")" "what is left beside the upper (the workdir removed)"
