#!/bin/bash
# '+' takes overlay layers relative to the tree: --overlay=+/usr/share/base:+/var/up:/srv stacks
# the tree's own directories; the two-path form LOWER:UPPER mounts at UPPER's path.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/root/usr/share/base" "$T/root/var/up"
echo base >"$T/root/usr/share/base/f"
out=$(run_uspawn -D "$T/root" --overlay=+/usr/share/base:+/var/up:/srv \
	sh -c 'cat /srv/f; echo top >/srv/t')
assert_eq base "$out" "lower file through the + layer"
assert_eq top "$(cat "$T/root/var/up/t")" "written into the tree's +/var/up"
[ ! -e "$T/root/usr/share/base/t" ] || fail "written into the lower layer"
[ -z "$(ls -A "$T/root/var" | grep '^\.#')" ] || fail "workdir left in the tree: $(ls -A "$T/root/var")"
# two paths: lower +/usr/share/base, upper and destination /opt/base (created in the tree)
out=$(run_uspawn -D "$T/root" --overlay=+/usr/share/base:+/opt/base sh -c 'cat /opt/base/f; echo 2 >/opt/base/two')
assert_eq base "$out" "two-path form"
assert_eq 2 "$(cat "$T/root/opt/base/two")" "two-path form writes into the upper at the destination"
