#!/bin/bash
# In the bookworm tree, coreutils' id (NSS lookups through glibc) shows root with root's group.
. "$(dirname "$0")/../lib/common.sh"

tree=$(bookworm_rootfs)
assert_eq "uid=0(root) gid=0(root) groups=0(root)" "$(run_uspawn -D "$tree" --read-only id)" "id"
assert_eq "/root" "$(run_uspawn -D "$tree" --read-only sh -c 'echo "$HOME"')" "HOME"
