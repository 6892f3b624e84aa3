#!/bin/bash
# run-as: nosub
# Without a subordinate range, root-owned entries become the user's and other owners (and device
# nodes, which are never created) are recorded in NAME.owners beside the tree; export-tar puts
# them back.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
require_no_subordinate_range

make_image_tree "$T/tree"
mkdir -p "$T/www/var/www"
echo page >"$T/www/var/www/index.html"
tar_as_root "$T/img.tar" "$T/tree"
tar --numeric-owner --owner=33 --group=34 -rf "$T/img.tar" -C "$T/www" ./var/www/index.html
"$USPAWNCTL" import-tar "$T/img.tar" img 2>"$T/err" || fail "import: $(cat "$T/err")"
assert_contains "$(cat "$T/err")" "img.owners" "the notice names the record"
rec=$(cat "$MACHINES/img.owners")
assert_contains "$rec" "f 33 34 0644 var/www/index.html" "the record of the 33:34 file"
assert_eq "$(id -u)" "$(stat -c %u "$MACHINES/img/var/www/index.html")" "the file itself is the user's"
assert_eq page "$(run_uspawn -M img cat /var/www/index.html)" "the file inside"
"$USPAWNCTL" export-tar img "$T/out.tar"
assert_contains "$(tar --numeric-owner -tvf "$T/out.tar" ./var/www/index.html)" "33/34" "owners exported from the record"
