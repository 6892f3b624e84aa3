#!/bin/bash
# A host file can be bound onto a file of the tree (--bind=FILE:/etc/hostname): the inside path
# shows the host file, writes go to the host file, and the tree's file is untouched.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
echo tree-hostname >"$T/root/etc/hostname"
echo host-file >"$T/hostfile"
out=$(run_uspawn -D "$T/root" --bind="$T/hostfile:/etc/hostname" sh -c 'cat /etc/hostname; echo changed >/etc/hostname')
assert_eq host-file "$out" "content inside"
assert_eq changed "$(cat "$T/hostfile")" "host file after the write"
assert_eq tree-hostname "$(cat "$T/root/etc/hostname")" "tree's file"
