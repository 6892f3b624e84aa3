#!/bin/bash
# run-as: nosub
# A user without a subordinate range still gets a container: root inside = the user, and that is
# the only mapping (uid_map and gid_map are the single line "0 UID 1").
. "$(dirname "$0")/../lib/common.sh"

require_no_subordinate_range

make_busybox_rootfs "$T/root"
uid=$(id -u) gid=$(id -g)
out=$(run_uspawn -D "$T/root" cat /proc/self/uid_map | awk '{ print $1, $2, $3 }')
assert_eq "0 $uid 1" "$out" "uid_map"
out=$(run_uspawn -D "$T/root" cat /proc/self/gid_map | awk '{ print $1, $2, $3 }')
assert_eq "0 $gid 1" "$out" "gid_map"
assert_contains "$(run_uspawn -D "$T/root" probe ids)" "uid=0 gid=0 euid=0 egid=0" "ids inside"
