#!/bin/bash
# run-as: nosub
# With only root mapped, a process can drop to any id as a daemon does: getres*id report the
# new ids, children inherit them, exec keeps them, a set-user-ID file makes its owner the
# effective uid, a saved root can be regained but a dropped process cannot return; --user names
# any user of the tree; /proc/self/status and /proc/PID/status agree (httpd -u too).
# --emulate-ids=no gives the kernel's answer back.
. "$(dirname "$0")/../lib/common.sh"
require_no_subordinate_range

make_busybox_rootfs "$T/root"
run() { run_uspawn -D "$T/root" "$@"; }

assert_eq "uid=33,33,33 gid=33,33,33" "$(run probe become 33 33)" "setgroups, setgid, setuid"
assert_eq $'uid=33,33,33 gid=44,44,44\nuid=33,33,33 gid=44,44,44' \
	"$(run probe become 33 44 -- sh -c 'probe resids; probe fork-ids')" "exec keeps them, children inherit"
assert_eq "uid=1000(alice) gid=1000(alice) groups=1000(alice)" "$(run probe become 1000 1000 -- id)" "id"
out=$(run probe become 1000 50 -- sh -c 'grep -E "^(Uid|Gid|Groups):" /proc/self/status; while read -r k v; do [ "$k" = Uid: ] && echo "$k	$v"; done </proc/$$/status; true')
assert_eq $'Uid:\t1000\t1000\t1000\t1000\nGid:\t50\t50\t50\t50\nGroups:\t50 \nUid:\t1000\t1000\t1000\t1000' "$out" \
	"/proc/self/status, and /proc/PID/status read by that process"
out=$(run sh -c 'probe become 33 33 -- sleep 5 & sleep 1; grep ^Uid: /proc/$!/status; kill $!')
assert_eq $'Uid:\t33\t33\t33\t33' "$out" "/proc/PID/status of a dropped process, read by root"
# a daemon that drops privileges itself: BusyBox httpd -u
out=$(run --private-network sh -c 'httpd -f -p 127.0.0.1:8080 -u alice:staff & sleep 1; grep -E "^(Uid|Gid):" /proc/$!/status; kill $!')
assert_eq $'Uid:\t1000\t1000\t1000\t1000\nGid:\t50\t50\t50\t50' "$out" "httpd -u alice:staff"
assert_eq $'uid=1000,1000,0 gid=0,0,0\nuid=1000,0,0 gid=0,0,0' "$(run probe keep-saved 1000)" "saved root regained"
assert_eq "EPERM" "$(run probe become 1000 1000 -- probe become 0 0)" "no way back after dropping all"
assert_eq "uid=1000,1000,1000 gid=1000,1000,1000" "$(run --user=alice probe resids)" "--user=alice"

# a set-user-ID file owned (inside) by alice
out=$(run sh -c 'cp /usr/local/bin/probe /usr/local/bin/probe-alice && chown 1000:1000 /usr/local/bin/probe-alice &&
	chmod 4755 /usr/local/bin/probe-alice && probe become 2000 2000 -- probe-alice resids')
assert_eq "uid=2000,1000,1000 gid=2000,2000,2000" "$out" "exec of a set-user-ID file"

assert_eq "EINVAL" "$(run --emulate-ids=no probe keep-saved 1000)" "--emulate-ids=no"
