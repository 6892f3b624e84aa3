#!/bin/bash
# With a subordinate range (default --private-users=pick), container root = the user and
# container 1..65535 = the start of the user's /etc/subuid (/etc/subgid) range: two lines.
. "$(dirname "$0")/../lib/common.sh"

require_full_subordinate_range
make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" cat /proc/self/uid_map | awk '{ print $1, $2, $3 }' | paste -sd';')
assert_eq "0 $(id -u) 1;1 $SUBUID_START 65535" "$out" "uid_map"
out=$(run_uspawn -D "$T/root" cat /proc/self/gid_map | awk '{ print $1, $2, $3 }' | paste -sd';')
assert_eq "0 $(id -g) 1;1 $SUBGID_START 65535" "$out" "gid_map"
