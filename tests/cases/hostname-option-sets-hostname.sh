#!/bin/bash
# --hostname=NAME sets the hostname inside (UTS namespace), overriding the machine name; the
# host's hostname is left alone.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
before=$(cat /proc/sys/kernel/hostname)
assert_eq inner-host "$(run_uspawn -D "$T/root" --hostname=inner-host hostname)" "--hostname"
assert_eq inner-host "$(run_uspawn -D "$T/root" -M mach --hostname=inner-host uname -n)" "--hostname beats -M"
assert_eq "$before" "$(cat /proc/sys/kernel/hostname)" "host's hostname afterwards"
