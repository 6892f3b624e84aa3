#!/bin/bash
# With --read-only, a read-write --bind stays writable (and the write reaches the host).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/host"
out=$(run_uspawn -D "$T/root" --read-only --bind="$T/host:/mnt/rw" sh -c 'probe write-file /mnt/rw/f; probe write-file /f')
assert_eq $'ok\nEROFS' "$out" "write in the bind, then in /"
assert_eq probe "$(cat "$T/host/f")" "file on the host"
