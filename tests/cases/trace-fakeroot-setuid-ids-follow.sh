#!/bin/bash
# The trace backend's fake root: a process drops to any id as a daemon does; getres*id report
# the new ids, children inherit them (the tracer copies them at the clone event), exec keeps
# them, a recorded set-user-ID owner becomes the effective uid, a saved root can be regained but
# a dropped process cannot return, and /proc/self/status agrees. What a dropped process creates
# is recorded as its own (with the group of a set-group-ID directory).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
run() { run_uspawn --backend=trace -D "$T/root" "$@"; }

assert_eq "uid=33,33,33 gid=33,33,33" "$(run probe become 33 33)" "setgroups, setgid, setuid"
assert_eq $'uid=33,33,33 gid=44,44,44\nuid=33,33,33 gid=44,44,44' \
	"$(run probe become 33 44 -- sh -c 'probe resids; probe fork-ids')" "exec keeps them, children inherit"
assert_eq "uid=1000(alice) gid=1000(alice) groups=1000(alice)" "$(run probe become 1000 1000 -- id)" "id"
out=$(run probe become 1000 50 -- sh -c 'grep -E "^(Uid|Gid|Groups):" /proc/self/status')
assert_eq $'Uid:\t1000\t1000\t1000\t1000\nGid:\t50\t50\t50\t50\nGroups:\t50 ' "$out" "/proc/self/status"
out=$(run sh -c 'probe become 33 33 -- sleep 5 & sleep 1; grep ^Uid: /proc/$!/status; kill $!')
assert_eq $'Uid:\t33\t33\t33\t33' "$out" "/proc/PID/status of a dropped process, read by root"
assert_eq $'uid=1000,1000,0 gid=0,0,0\nuid=1000,0,0 gid=0,0,0' "$(run probe keep-saved 1000)" "saved root regained"
assert_eq "EPERM" "$(run probe become 1000 1000 -- probe become 0 0)" "no way back after dropping all"
out=$(run sh -c 'cp /usr/local/bin/probe /usr/local/bin/probe-alice && chown 1000:1000 /usr/local/bin/probe-alice &&
	chmod 4755 /usr/local/bin/probe-alice && probe become 2000 2000 -- probe-alice resids')
assert_eq "uid=2000,1000,1000 gid=2000,2000,2000" "$out" "exec of a set-user-ID file"
out=$(run probe become 1000 50 -- sh -c 'touch /tmp/a && mkdir /tmp/b && mkfifo /tmp/c; stat -c %u:%g /tmp/a /tmp/b')
assert_eq $'1000:50\n1000:50' "$out" "files created by a dropped process"
out=$(run sh -c 'mkdir /tmp/s && chown 0:77 /tmp/s && chmod 2777 /tmp/s && probe become 1000 50 -- touch /tmp/s/f &&
	stat -c %u:%g /tmp/s/f')
assert_eq "1000:77" "$out" "a file created in a set-group-ID directory"
