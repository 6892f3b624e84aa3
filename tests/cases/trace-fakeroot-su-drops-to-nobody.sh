#!/bin/bash
# run-as: nosub
# The trace backend's fake root in a Debian tree: su (PAM's rootok) drops to nobody; the ids
# reported are nobody's and the files it creates are nobody's (stat, ls -ln), in this run and
# the next; the host sees the user's own files.
. "$(dirname "$0")/../lib/common.sh"

copy_owned_tree "$(bookworm_owned_rootfs)" "$T/root"
run() { run_uspawn --backend=trace -D "$T/root" "$@"; }

out=$(run su -s /bin/sh nobody -c 'id -u; id -g; touch /tmp/x /var/tmp/x; stat -c "%u %g" /tmp/x' 2>/dev/null)
assert_eq $'65534\n65534\n65534 65534' "$out" "id -u, id -g as nobody, owner of the file it created"
assert_eq "65534 65534" "$(run stat -c '%u %g' /var/tmp/x)" "owner in a fresh run"
assert_contains "$(run ls -ln /var/tmp/x)" " 65534 65534 " "ls -ln /var/tmp/x"
assert_eq "nobody" "$(run stat -c %U /var/tmp/x)" "owner name"
assert_eq "root:root 4755" "$(run stat -c '%U:%G %a' /usr/bin/su)" "recorded owners of the tree"
[ "$(stat -c %u "$T/root/var/tmp/x")" = "$(id -u)" ] || fail "the file on the host is not the user's"
