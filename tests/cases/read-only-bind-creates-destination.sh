#!/bin/bash
# With --read-only a bind whose DST is missing in the tree still works (the mount point is made
# before the root turns read-only), and the bind is writable.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/host"
out=$(run_uspawn -D "$T/root" --read-only --bind="$T/host:/brand/new" sh -c 'probe write-file /brand/new/f; probe write-file /brand/g')
assert_eq $'ok\nEROFS' "$out" "write in the bind, then beside it"
assert_eq probe "$(cat "$T/host/f")" "file on the host"
