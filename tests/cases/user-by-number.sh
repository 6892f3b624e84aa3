#!/bin/bash
# -u 1000 (a number) resolves to alice in the guest's /etc/passwd: same ids, groups and
# environment as -u alice.
. "$(dirname "$0")/../lib/common.sh"

# -u with a non-root user needs the subordinate range.
require_subordinate_range

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" -u 1000 probe ids)
case $out in "uid=1000 gid=1000 euid=1000 egid=1000 groups="*) ;; *) fail "probe ids: $out" ;; esac
assert_contains ",${out##*groups=}," ",50," "supplementary groups"
assert_eq "/home/alice|alice" "$(run_uspawn -D "$T/root" -u 1000 sh -c 'echo "$HOME|$USER"')" "HOME|USER"
