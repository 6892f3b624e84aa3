#!/bin/bash
# /dev is a private tmpfs with only the expected entries: the device nodes null zero full random
# urandom tty, and pts ptmx shm fd stdin stdout stderr (mqueue, console and the log socket allowed); no host
# devices (disks, loop, kmsg, mem...).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" sh -c 'probe statfs /dev; ls -A /dev')
assert_eq tmpfs "$(sed -n 1p <<<"$out" | awk '{ print $2 }')" "filesystem at /dev"
entries=$(sed 1d <<<"$out" | sort | paste -sd' ')
for e in fd full null ptmx pts random shm stderr stdin stdout tty urandom zero; do
	assert_contains " $entries " " $e " "/dev entries"
done
extra=$(sed 1d <<<"$out" | grep -vxE 'fd|full|null|ptmx|pts|random|shm|stderr|stdin|stdout|tty|urandom|zero|mqueue|console|log' | paste -sd' ' || true)
assert_eq "" "$extra" "unexpected entries in /dev"
# The six nodes are character devices with the host's numbers.
for n in null zero full random urandom tty; do
	want=$(stat -c '%t:%T' "/dev/$n")
	got=$(run_uspawn -D "$T/root" stat -c '%F %t:%T' "/dev/$n")
	assert_eq "character special file $want" "$got" "/dev/$n"
done
