#!/bin/bash
# /sys is sysfs and read-only inside: statfs says ro, writing to a sysfs file fails with EROFS.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" sh -c 'probe statfs /sys; probe write-file /sys/kernel/uevent_helper; ls /sys/class >/dev/null && echo listed')
assert_eq "ro sysfs" "$(sed -n 1p <<<"$out" | sed 's/,[a-z]*//g')" "statfs /sys"
assert_eq EROFS "$(sed -n 2p <<<"$out")" "write to /sys/kernel/uevent_helper"
assert_eq listed "$(sed -n 3p <<<"$out")" "reading /sys"
out=$(run_uspawn -D "$T/root" --private-network probe statfs /sys)
assert_eq "ro sysfs" "$(sed 's/,[a-z]*//g' <<<"$out")" "statfs /sys with --private-network"
