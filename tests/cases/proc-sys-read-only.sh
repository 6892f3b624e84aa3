#!/bin/bash
# /proc/sys is read-only inside (EROFS on write, statfs ro), while /proc itself stays rw.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" sh -c 'probe write-file /proc/sys/kernel/hostname; probe statfs /proc/sys; probe statfs /proc; cat /proc/sys/kernel/ostype')
assert_eq EROFS "$(sed -n 1p <<<"$out")" "write to /proc/sys/kernel/hostname"
assert_eq "ro proc" "$(sed -n 2p <<<"$out" | sed 's/,[a-z]*//g')" "statfs /proc/sys"
assert_eq "rw proc" "$(sed -n 3p <<<"$out" | sed 's/,[a-z]*//g')" "statfs /proc"
assert_eq Linux "$(sed -n 4p <<<"$out")" "reading /proc/sys still works"
