#!/bin/bash
# --overlay-ro=A:B:DEST stacks B over A read-only: both layers' files are seen (B's win), and
# creating or changing a file fails with EROFS; no workdir is made.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/a" "$T/b"
echo a >"$T/a/f"; echo a-only >"$T/a/g"; echo b >"$T/b/f"
out=$(run_uspawn -D "$T/root" --overlay-ro="$T/a:$T/b:/mnt/ro" \
	sh -c 'cat /mnt/ro/f /mnt/ro/g; probe write-file /mnt/ro/new; probe write-file /mnt/ro/f')
assert_eq "b
a-only
EROFS
EROFS" "$out" "the read-only overlay"
assert_eq "a b" "$(cd "$T" && ls -d a b .#* 2>/dev/null | xargs)" "directories beside the layers"
