#!/bin/bash
# norbind of a host tree that has mounts below it (/sys here) is refused by the kernel in a user
# namespace (it would uncover what the host mounted over); uspawn says so in one line and
# names the remedy, exits 1 and leaves nothing running.
. "$(dirname "$0")/../lib/common.sh"

[ -n "$(awk '$5 ~ "^/sys/." {print; exit}' /proc/self/mountinfo)" ] || skip "the host has no mounts below /sys"
make_busybox_rootfs "$T/root"
assert_status 1 "norbind of /sys" -- run_uspawn -D "$T/root" --bind=/sys:/mnt/sys:norbind /bin/true 2>"$T/err"
assert_eq 1 "$(wc -l <"$T/err")" "error lines"
assert_contains "$(cat "$T/err")" "uspawn: Cannot bind /sys on /mnt/sys" "error names the bind"
assert_contains "$(cat "$T/err")" "norbind" "error names the remedy"
