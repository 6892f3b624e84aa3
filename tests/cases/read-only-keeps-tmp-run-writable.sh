#!/bin/bash
# With --read-only, /tmp, /run, /dev/shm are still writable tmpfs and --tmpfs mounts still work.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
for d in /tmp /run /dev/shm /scratch; do
	out=$(run_uspawn -D "$T/root" --read-only --tmpfs=/scratch sh -c "probe write-file $d/f; probe statfs $d")
	assert_eq ok "$(sed -n 1p <<<"$out")" "write in $d"
	assert_eq "rw tmpfs" "$(sed -n 2p <<<"$out" | sed 's/,[a-z]*//g')" "statfs $d"
done
