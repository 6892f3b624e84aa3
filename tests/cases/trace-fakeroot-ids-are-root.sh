#!/bin/bash
# The trace backend's fake root: the guest sees uid and gid 0 (id, getres*id, /proc/self/status)
# without any user namespace; --user=alice starts as alice; --emulate-ids=no shows the user's
# own ids, as before fake root.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
run() { run_uspawn --backend=trace -D "$T/root" "$@"; }

assert_eq "0 0" "$(run sh -c 'echo $(id -u) $(id -g)')" "id -u, id -g"
assert_eq "uid=0,0,0 gid=0,0,0" "$(run probe resids)" "getresuid, getresgid"
assert_eq $'Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0' "$(run grep -E '^(Uid|Gid):' /proc/self/status)" "/proc/self/status"
assert_eq "uid=1000,1000,1000 gid=1000,1000,1000" "$(run --user=alice probe resids)" "--user=alice"
assert_eq "0:0" "$(run stat -c %u:%g /etc/passwd)" "the user's own files are root's"
assert_eq "$(id -u)" "$(run --emulate-ids=no id -u)" "--emulate-ids=no"
