#!/bin/bash
# import-fs copies a directory tree into the store (links, modes, times kept; the user's files
# become root's inside) and names the machine after the directory.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

make_image_tree "$T/mytree"
"$USPAWNCTL" import-fs "$T/mytree" 2>"$T/err" || fail "import-fs: $(cat "$T/err")"
assert_eq marker-content "$(run_uspawn -M mytree cat /etc/marker)" "file inside"
assert_eq "0:0 4755" "$(run_uspawn -M mytree stat -c '%u:%g %a' /usr/bin/suid)" "owner and mode inside"
tar --format=posix --numeric-owner --owner=0 --group=0 -cf "$T/ref.tar" -C "$T/mytree" . # pax: times in ns
"$USPAWNCTL" import-tar "$T/ref.tar" ref
assert_eq "$(tree_listing "$MACHINES/ref")" "$(tree_listing "$MACHINES/mytree")" "same tree as through tar"
