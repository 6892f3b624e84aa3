#!/bin/bash
# A non-root -u user has no effective or permitted capabilities (the bounding set stays the
# default list), so root-only operations fail for it while they work for container root.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
r=$T/root
assert_contains "$(run_uspawn -D "$r" -u alice probe ids)" "euid=1000 " "ids of -u alice"
assert_eq none "$(run_uspawn -D "$r" -u alice probe caps eff)" "alice's effective set"
assert_eq none "$(run_uspawn -D "$r" -u alice probe caps prm)" "alice's permitted set"
assert_eq none "$(run_uspawn -D "$r" -u alice probe caps amb)" "alice's ambient set"
assert_eq "$(run_uspawn -D "$r" probe caps bnd)" "$(run_uspawn -D "$r" -u alice probe caps bnd)" "alice's bounding set = root's"
assert_eq ok "$(run_uspawn -D "$r" probe syscall sethostname)" "sethostname as root"
assert_eq EPERM "$(run_uspawn -D "$r" -u alice probe syscall sethostname)" "sethostname as alice"
