#!/bin/bash
# The private copy keeps the file's mode (set-gid and sticky bits too), owner, modification time,
# user extended attributes and holes: a 64 MiB sparse file with 8 KiB of data stays sparse.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

cow_pair f original
chmod 3751 "$T/src/f"
touch -d '2001-02-03 04:05:06.123456789' "$T/src/f"
xattrs=no
printf x >"$T/probe-xattr"
if command -v setfattr >/dev/null && setfattr -n user.probe -v 1 "$T/probe-xattr" 2>/dev/null; then
	setfattr -n user.a -v one "$T/src/f"
	setfattr -n user.b -v two "$T/src/f"
	xattrs=yes
fi
cow_snapshot f >"$T/.before-f"
meta() { stat -c '%a %u %g %y' "$1"; }
before=$(meta "$T/src/f")
cow_run chmod 3751 "$T/prot/f" # no change: still shared
assert_eq 2 "$(stat -c %h "$T/src/f")" "links after a chmod to the same mode"
cow_run perl -e 'open(F, "+<", $ARGV[0]) or die "$!"' "$T/prot/f"
assert_cow_broken f original "open O_RDWR"
assert_eq "$before" "$(meta "$T/prot/f")" "the copy's mode, owner and mtime"
if [ $xattrs = yes ]; then
	assert_eq "$(getfattr -d "$T/src/f" 2>/dev/null | tail -n +2)" "$(getfattr -d "$T/prot/f" 2>/dev/null | tail -n +2)" "xattrs"
fi

# sparse: 4 KiB at 0 and 4 KiB at 32 MiB of a 64 MiB file
dd if=/dev/urandom of="$T/src/sparse" bs=4096 count=1 conv=notrunc status=none
dd if=/dev/urandom of="$T/src/sparse" bs=4096 count=1 seek=8192 conv=notrunc status=none
truncate -s 64M "$T/src/sparse"
[ "$(stat -c %b "$T/src/sparse")" -lt 1024 ] || skip "$T's file system does not keep holes"
ln "$T/src/sparse" "$T/prot/sparse"
cow_run bash -c 'echo >>"$1"' - "$T/prot/sparse"
assert_eq 1 "$(stat -c %h "$T/src/sparse")" "sparse: source's links"
cmp -n $((64 << 20)) "$T/src/sparse" "$T/prot/sparse" || fail "sparse: the copy's data differs"
blocks=$(stat -c %b "$T/prot/sparse")
[ "$blocks" -lt 1024 ] || fail "sparse: the copy uses $blocks blocks of 512 bytes: holes were filled"
