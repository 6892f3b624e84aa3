#!/bin/bash
# --chdir=PATH starts the command in PATH inside the container (for root and for -u users).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/root/srv/work dir"
assert_eq "/srv/work dir" "$(run_uspawn -D "$T/root" "--chdir=/srv/work dir" pwd)" "pwd"
assert_eq "/srv/work dir" "$(run_uspawn -D "$T/root" "--chdir=/srv/work dir" sh -c 'cd -P . && pwd')" "physical pwd"
assert_eq /tmp "$(run_uspawn -D "$T/root" --chdir=/tmp -u nobody pwd)" "pwd as nobody"
