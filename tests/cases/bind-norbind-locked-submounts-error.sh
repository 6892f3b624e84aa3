#!/bin/bash
# norbind of a host tree that has mounts below it (/sys here) is refused by the kernel in a user
# namespace (it would uncover what the host mounted over); uspawn says so in one line and
# names the remedy, exits 1 and leaves nothing running.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

[ -n "$(awk '$5 ~ "^/sys/." {print; exit}' /proc/self/mountinfo)" ] || skip "the host has no mounts below /sys"
make_busybox_rootfs "$T/root"
expect_error 1 "norbind of /sys" -- -q -D "$T/root" --bind=/sys:/mnt/sys:norbind /bin/true
assert_contains "$ERR" "uspawn: Cannot bind /sys on /mnt/sys" "error names the bind"
assert_contains "$ERR" "norbind" "error names the remedy"
