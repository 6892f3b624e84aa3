#!/bin/bash
# A real Debian tree (bookworm minbase, glibc, dynamic binaries) runs its own programs.
. "$(dirname "$0")/../lib/common.sh"

tree=$(bookworm_rootfs)
out=$(run_uspawn -D "$tree" --read-only cat /etc/debian_version)
case $out in 12.*) ;; *) fail "cat /etc/debian_version printed '$out', want 12.x" ;; esac
out=$(run_uspawn -D "$tree" --read-only /usr/bin/dpkg --version)
assert_contains "$out" "Debian 'dpkg' package management program" "dpkg --version"
