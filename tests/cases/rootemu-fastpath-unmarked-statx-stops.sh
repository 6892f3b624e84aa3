#!/bin/bash
# run-as: nosub
# The fast path's marker (fakeroot/fastpath.h) opens the filter only for statx calls that carry
# it: a static program's raw statx without it is still answered by the supervisor (the recorded
# owner), the same call with the marker gets the kernel's answer (root's: the marker is the only
# way past the supervisor), and the probe mask gets the filter's ENOANO, which is how the shim
# knows the emulation is there. With the emulation off, the probe meets the kernel (ENOENT).
. "$(dirname "$0")/../lib/common.sh"
require_no_subordinate_range
[ -x "$PROBE" ] || fail "$PROBE not built (make check builds it)"

make_busybox_rootfs "$T/root"
run() { run_uspawn -D "$T/root" "$@"; }
run sh -c 'touch /var/f && chown 33:44 /var/f' || fail "chown inside"
assert_eq "33:44 100644" "$(run probe statx /var/f)" "raw statx without the marker"
assert_eq "0:0 100644" "$(run probe statx /var/f 0x400007ff)" "raw statx with the marker"
assert_eq "ENOANO" "$(run probe statx / 0x60000000)" "the probe under the emulation"
assert_eq "ENOENT" "$(run_uspawn --emulate-ids=no -D "$T/root" probe statx '' 0x60000000)" "the probe without it"
