#!/bin/bash
# An imported tree keeps hard links, symbolic links, modes (setuid, a 0555 directory), FIFOs,
# user.* xattrs and mtimes; root-owned entries become the user's (root inside) and other owners
# are written through the subordinate range, so the container sees the image's owners.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
require_full_subordinate_range

make_image_tree "$T/tree"
xattr=
if command -v setfattr >/dev/null && setfattr -n user.test -v kept "$T/tree/etc/marker" 2>/dev/null; then
	xattr=yes
fi
mkdir -p "$T/www/var/www"
echo page >"$T/www/var/www/index.html"
tar_as_root "$T/img.tar" "$T/tree"
tar --xattrs --xattrs-include='user.*' --numeric-owner --owner=0 --group=0 -cf "$T/img.tar" -C "$T/tree" .
tar --numeric-owner --owner=33 --group=34 -rf "$T/img.tar" -C "$T/www" ./var/www
"$USPAWNCTL" import-tar "$T/img.tar" img 2>"$T/err" || fail "import: $(cat "$T/err")"
m=$MACHINES/img

out=$(run_uspawn -M img sh -c 'stat -c "%i %h" /etc/marker /etc/marker-hard; readlink /etc/marker-rel; readlink /etc/marker-abs;
	stat -c "%a %u:%g %F" /usr/bin/suid /opt/ro /opt/fifo /var/www/index.html /etc/marker; stat -c %Y /etc/marker')
lines=()
while IFS= read -r l; do lines+=("$l"); done <<<"$out"
[ "${lines[0]}" = "${lines[1]}" ] || fail "hard link not kept: ${lines[0]} vs ${lines[1]}"
assert_contains "${lines[0]}" " 2" "link count of the hard-linked file"
assert_eq marker "${lines[2]}" "relative symbolic link"
assert_eq /etc/marker "${lines[3]}" "absolute symbolic link"
assert_eq "4755 0:0 regular file" "${lines[4]}" "setuid file, root-owned"
assert_eq "555 0:0 directory" "${lines[5]}" "0555 directory"
assert_eq "644 0:0 fifo" "${lines[6]}" "FIFO"
assert_eq "644 33:34 regular file" "${lines[7]}" "file owned by 33:34 in the archive"
assert_eq "$(date -d '2001-02-03 04:05:06' +%s)" "${lines[9]}" "mtime"
assert_eq "$(id -u)" "$(stat -c %u "$m/etc/marker")" "root's file belongs to the user outside"
assert_eq "$((SUBUID_START + 32))" "$(stat -c %u "$m/var/www/index.html")" "uid 33 outside"
if [ -n "$xattr" ]; then
	assert_eq kept "$(getfattr --only-values -n user.test "$m/etc/marker")" "user.test xattr"
fi
[ ! -e "$MACHINES/img.owners" ] || fail "an ownership record was written though every owner was mapped"
