#!/bin/bash
# import-tar takes a tar archive plain or compressed with gzip, xz, zstd or bzip2 (and - for
# standard input), names the machine after the file, and uspawn -M runs it.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

make_image_tree "$T/tree"
tar_as_root "$T/plain.tar" "$T/tree"
gzip -c "$T/plain.tar" >"$T/gz.tar.gz"
xz -c "$T/plain.tar" >"$T/xz.tar.xz"
zstd -q -c "$T/plain.tar" >"$T/zst.tar.zst"
bzip2 -c "$T/plain.tar" >"$T/bz2.tbz2"
for f in plain.tar gz.tar.gz xz.tar.xz zst.tar.zst bz2.tbz2; do
	"$USPAWNCTL" import-tar "$T/$f" 2>"$T/err" || fail "import-tar $f: $(cat "$T/err")"
done
for n in plain gz xz zst bz2; do
	assert_eq marker-content "$(run_uspawn -M "$n" cat /etc/marker)" "file of machine $n"
done
"$USPAWNCTL" import-tar - fromstdin <"$T/xz.tar.xz"
assert_eq marker-content "$(run_uspawn -M fromstdin cat /etc/marker)" "machine imported from stdin"
assert_eq "$(tree_listing "$MACHINES/plain")" "$(tree_listing "$MACHINES/zst")" "trees from plain and zstd archives"
