#!/bin/bash
# Without --private-network the container shares the host's network namespace: the same
# interfaces as the host, and the same net namespace inode.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
host=$(ls /sys/class/net | sort | paste -sd' ')
inside=$(run_uspawn -D "$T/root" ls /sys/class/net | sort | paste -sd' ')
assert_eq "$host" "$inside" "interfaces"
assert_eq "$(readlink /proc/self/ns/net)" "$(run_uspawn -D "$T/root" readlink /proc/self/ns/net)" "net namespace"
