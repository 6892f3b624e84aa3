#!/bin/bash
# The trace backend has no UTS namespace, yet the guest sees --hostname in uname(2) and in
# /proc/sys/kernel/hostname; root of the guest (fake root) may change it with sethostname, which
# changes only what the guest sees (the host's name is untouched); with --emulate-ids=no the guest
# is not root and sethostname fails with EPERM, as the kernel answers a user.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
before=$(cat /proc/sys/kernel/hostname)
out=$(run_uspawn --backend=trace -D "$T/root" --hostname=inner sh -c '
	uname -n; cat /proc/sys/kernel/hostname; uname -s
	hostname changed && hostname && uname -n && cat /proc/sys/kernel/hostname')
assert_eq "inner
inner
Linux
changed
changed
changed" "$out" "the guest's host name"
assert_eq "$before" "$(cat /proc/sys/kernel/hostname)" "the host's name afterwards"
out=$(run_uspawn --backend=trace --emulate-ids=no -D "$T/root" --hostname=inner sh -c 'hostname other 2>&1; hostname')
assert_contains "$out" "not permitted" "sethostname without fake root"
assert_contains "$out" "inner" "the name unchanged"
