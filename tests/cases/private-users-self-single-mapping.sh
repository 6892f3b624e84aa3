#!/bin/bash
# --private-users=self maps only root (= the user), even when a subordinate range exists.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" --private-users=self cat /proc/self/uid_map | awk '{ print $1, $2, $3 }')
assert_eq "0 $(id -u) 1" "$out" "uid_map"
out=$(run_uspawn -D "$T/root" --private-users=self cat /proc/self/gid_map | awk '{ print $1, $2, $3 }')
assert_eq "0 $(id -g) 1" "$out" "gid_map"
