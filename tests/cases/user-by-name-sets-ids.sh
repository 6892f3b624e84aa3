#!/bin/bash
# -u alice runs the command as alice from the guest's /etc/passwd: uid 1000, gid 1000, and the
# supplementary groups from the guest's /etc/group (staff = 50), for real and effective ids.
. "$(dirname "$0")/../lib/common.sh"

# -u with a non-root user needs the subordinate range.
require_subordinate_range

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" -u alice probe ids)
case $out in "uid=1000 gid=1000 euid=1000 egid=1000 groups="*) ;; *) fail "probe ids: $out" ;; esac
groups=,${out##*groups=},
assert_contains "$groups" ",50," "supplementary groups"
assert_not_contains "$groups" ",0," "supplementary groups (root's group)"
out=$(run_uspawn -D "$T/root" --user=alice id)
assert_contains "$out" "uid=1000(alice)" "id"
assert_contains "$out" "gid=1000(alice)" "id"
assert_contains "$out" "50(staff)" "id"
