#!/bin/bash
# run-as: nosub
# With only root mapped, su to nobody works: the ids reported are nobody's, and the file it
# creates is owned by nobody (ls -ln, stat), in this run and the next.
. "$(dirname "$0")/../lib/common.sh"
require_no_subordinate_range

copy_owned_tree "$(bookworm_owned_rootfs)" "$T/root"
out=$(run_uspawn -D "$T/root" su -s /bin/sh nobody -c 'id -u; id -g; touch /var/tmp/x; stat -c "%u %g" /var/tmp/x' 2>/dev/null)
assert_eq $'65534\n65534\n65534 65534' "$out" "id -u, id -g as nobody, owner of the file it created"
assert_eq "65534 65534" "$(run_uspawn -D "$T/root" stat -c '%u %g' /var/tmp/x)" "owner in a fresh run"
ls=$(run_uspawn -D "$T/root" ls -ln /var/tmp/x)
assert_contains "$ls" " 65534 65534 " "ls -ln /var/tmp/x"
assert_eq "nobody" "$(run_uspawn -D "$T/root" stat -c %U /var/tmp/x)" "owner name"
# the record lives on the file: the host sees the user's own file with the recorded owner
[ "$(stat -c %u "$T/root/var/tmp/x")" = "$(id -u)" ] || fail "the file on the host is not the user's"
