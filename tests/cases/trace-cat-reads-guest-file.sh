#!/bin/bash
# --backend=trace runs the tree's own dynamic programs (with the tree's ld.so) and shows the
# tree's files, not the host's: /etc/os-release and /etc/debian_version are bookworm's.
. "$(dirname "$0")/../lib/common.sh"

tree=$(bookworm_rootfs)
out=$(run_uspawn --backend=trace -D "$tree" --read-only cat /etc/os-release)
assert_contains "$out" 'VERSION_CODENAME=bookworm' "os-release of the tree"
out=$(run_uspawn --backend=trace -D "$tree" --read-only /usr/bin/dpkg --version)
assert_contains "$out" "Debian 'dpkg' package management program" "dpkg --version"
