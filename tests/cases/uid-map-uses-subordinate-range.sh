#!/bin/bash
# With a subordinate range (default --private-users=pick), container root = the user and
# container 1..65535 = the start of the user's /etc/subuid (/etc/subgid) range: two lines.
. "$(dirname "$0")/../lib/common.sh"

# Needs the subordinate range (the runner gives uspawn-test one).
u=$(id -un)
grep -qE "^($u|$(id -u)):" /etc/subuid && grep -qE "^($u|$(id -g)):" /etc/subgid ||
	skip "$u has no subordinate id range in /etc/subuid and /etc/subgid"
command -v newuidmap >/dev/null || skip "newuidmap is not installed (uidmap)"

make_busybox_rootfs "$T/root"
subrange() { awk -F: -v u="$u" -v n="$2" '($1 == u || $1 == n) && $3 >= 65535 { print $2; exit }' "$1"; }
su=$(subrange /etc/subuid "$(id -u)")
sg=$(subrange /etc/subgid "$(id -g)")
[ -n "$su" ] && [ -n "$sg" ] || skip "the subordinate range of $u is smaller than 65535 ids"
out=$(run_uspawn -D "$T/root" cat /proc/self/uid_map | awk '{ print $1, $2, $3 }' | paste -sd';')
assert_eq "0 $(id -u) 1;1 $su 65535" "$out" "uid_map"
out=$(run_uspawn -D "$T/root" cat /proc/self/gid_map | awk '{ print $1, $2, $3 }' | paste -sd';')
assert_eq "0 $(id -g) 1;1 $sg 65535" "$out" "gid_map"
