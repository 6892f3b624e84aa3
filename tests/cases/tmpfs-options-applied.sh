#!/bin/bash
# --tmpfs=PATH:OPTS passes OPTS to tmpfs: mode=0700 gives a 0700 directory, size= limits it
# (writing past the limit fails with ENOSPC).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
assert_eq 700 "$(run_uspawn -D "$T/root" --tmpfs=/x:mode=0700 stat -c %a /x)" "mode=0700"
assert_eq 1777 "$(run_uspawn -D "$T/root" --tmpfs=/y:mode=1777 stat -c %a /y)" "mode=1777"
out=$(run_uspawn -D "$T/root" --tmpfs=/small:mode=0755,size=64k sh -c \
	'dd if=/dev/zero of=/small/big bs=4k count=64 2>&1 >/dev/null; echo "dd=$?"')
assert_contains "$out" "dd=1" "dd past size=64k"
assert_contains "$out" "No space left" "dd past size=64k"
