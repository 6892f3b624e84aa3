#!/bin/bash
# Without -M or --hostname, the hostname inside is the machine name, which defaults to the
# basename of -D (not the tree's /etc/hostname, nor the host's hostname).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/mybox-42"
echo from-etc-hostname >"$T/mybox-42/etc/hostname"
assert_eq mybox-42 "$(run_uspawn -D "$T/mybox-42" hostname)" "hostname"
assert_eq mybox-42 "$(run_uspawn -D "$T/mybox-42" cat /proc/sys/kernel/hostname)" "kernel hostname"
# A trailing slash on -D does not change the name.
assert_eq mybox-42 "$(run_uspawn -D "$T/mybox-42/" hostname)" "hostname with -D ending in /"
