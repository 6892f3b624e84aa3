#!/bin/bash
# apt-get (C++, libapt) runs in the bookworm tree and reports itself; apt-cache reads the tree's
# configuration (APT::Architecture matches dpkg's).
. "$(dirname "$0")/../lib/common.sh"

tree=$(bookworm_rootfs)
out=$(run_uspawn -D "$tree" --read-only apt-get --version)
case $out in "apt 2."*) ;; *) fail "apt-get --version printed: $(head -n1 <<<"$out")" ;; esac
arch=$(run_uspawn -D "$tree" --read-only dpkg --print-architecture)
out=$(run_uspawn -D "$tree" --read-only apt-config dump APT::Architecture)
assert_contains "$out" "\"$arch\"" "apt-config dump APT::Architecture"
