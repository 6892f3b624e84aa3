#!/bin/bash
# -x: the container writes everywhere (new files in /, /etc changed, /usr's tree removed, modes
# and times changed) and sees its changes; after it exits the tree is byte-for-byte and
# metadata-for-metadata what it was, and nothing was left beside it.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/tree-snapshot.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/root/usr/share/doc/pkg" "$T/root/srv/data"
echo doc >"$T/root/usr/share/doc/pkg/README"
before=$(tree_snapshot "$T/root")
ls_before=$(ls -A "$T")
out=$(run_uspawn -D "$T/root" -x sh -c '
	echo new >/newfile && echo extra >>/etc/passwd && rm -rf /usr/share/doc && rm /etc/group &&
	chmod 0700 /srv && touch -d @0 /etc/hostname && mv /srv/data /srv/moved && ln -s x /usr/link &&
	cat /newfile && tail -n1 /etc/passwd && ls /usr/share | wc -l && [ ! -e /etc/group ] && echo no-group &&
	stat -c %a /srv && ls /srv')
assert_eq "new
extra
0
no-group
700
moved" "$out" "the container's view of its own changes"
assert_eq "$before" "$(tree_snapshot "$T/root")" "the tree after the ephemeral run"
assert_eq "$ls_before" "$(ls -A "$T")" "entries beside the tree"
