#!/bin/bash
# Files the invoking user owns on the host appear owned by root (0:0) inside, and files root
# creates inside belong to the invoking user on the host.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/host"
out=$(run_uspawn -D "$T/root" --bind="$T/host:/mnt/h" sh -c 'stat -c %u:%g /etc/passwd /mnt/h; touch /mnt/h/by-root')
assert_eq $'0:0\n0:0' "$out" "owners inside"
assert_eq "$(id -u):$(id -g)" "$(stat -c %u:%g "$T/host/by-root")" "owner on the host of a file root made"
