#!/bin/bash
# --bind=SRC:DST mounts host SRC on DST read-write: host files are readable inside, and a file
# written inside appears in SRC on the host.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/host"
echo from-host >"$T/host/in"
out=$(run_uspawn -D "$T/root" --bind="$T/host:/mnt/shared" sh -c 'cat /mnt/shared/in; probe write-file /mnt/shared/out')
assert_eq $'from-host\nok' "$out" "read + probe write-file inside"
assert_eq probe "$(cat "$T/host/out")" "file written inside, seen on the host"
[ ! -e "$T/root/mnt/shared/out" ] || fail "the write landed in the tree, not in the bound dir"
