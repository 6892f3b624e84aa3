#!/bin/bash
# export-tar then import-tar gives an identical tree (types, modes, owners, sizes, link
# targets, mtimes, contents); compression follows the file's suffix, - writes to stdout.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

make_image_tree "$T/tree"
mkdir -p "$T/www/var/www" && echo page >"$T/www/var/www/index.html"
tar_as_root "$T/img.tar" "$T/tree"
tar --numeric-owner --owner=33 --group=34 -rf "$T/img.tar" -C "$T/www" ./var/www
"$USPAWNCTL" import-tar "$T/img.tar" first
"$USPAWNCTL" export-tar first "$T/out.tar.zst"
zstd -q -t "$T/out.tar.zst" || fail "export is not zstd-compressed"
"$USPAWNCTL" import-tar "$T/out.tar.zst" second
assert_eq "$(tree_listing "$MACHINES/first")" "$(tree_listing "$MACHINES/second")" "listings after the round trip"
assert_eq "$(run_uspawn -M first md5sum /bin/busybox /etc/marker /var/www/index.html)" \
	"$(run_uspawn -M second md5sum /bin/busybox /etc/marker /var/www/index.html)" "contents"
"$USPAWNCTL" export-tar first - | "$USPAWNCTL" import-tar - third
assert_eq "$(tree_listing "$MACHINES/first")" "$(tree_listing "$MACHINES/third")" "listings through stdout and stdin"
