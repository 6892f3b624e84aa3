#!/bin/bash
# --bind=+SRC:DST takes SRC relative to the root tree (-D), not the host's /.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/root/srv/data"
echo in-tree >"$T/root/srv/data/f"
out=$(run_uspawn -D "$T/root" --bind=+/srv/data:/mnt/d sh -c 'cat /mnt/d/f; echo new >/mnt/d/g')
assert_eq in-tree "$out" "file via the +SRC bind"
assert_eq new "$(cat "$T/root/srv/data/g")" "write through the +SRC bind"
