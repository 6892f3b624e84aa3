#!/bin/bash
# run-as: nosub
# An image imported without a subordinate range keeps the owners it could not write on the
# files themselves (beside NAME.owners), where the root emulation reads them: inside, the file
# shows its image owner, and a chown inside replaces it.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
require_no_subordinate_range

make_image_tree "$T/tree"
mkdir -p "$T/www/var/www"
echo page >"$T/www/var/www/index.html"
tar_as_root "$T/img.tar" "$T/tree"
tar --numeric-owner --owner=33 --group=34 -rf "$T/img.tar" -C "$T/www" ./var/www/index.html
"$USPAWNCTL" import-tar "$T/img.tar" img 2>/dev/null || fail "import-tar failed"
assert_eq "$(id -u)" "$(stat -c %u "$MACHINES/img/var/www/index.html")" "the file itself is the user's"
assert_eq "33 34" "$(run_uspawn -M img stat -c '%u %g' /var/www/index.html)" "the image's owner inside"
assert_eq "0 0" "$(run_uspawn -M img stat -c '%u %g' /etc/marker)" "root's files stay root's"
run_uspawn -M img chown 1000:1000 /var/www/index.html
assert_eq "1000 1000" "$(run_uspawn -M img stat -c '%u %g' /var/www/index.html)" "after a chown inside"
