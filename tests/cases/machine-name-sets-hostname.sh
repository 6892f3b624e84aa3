#!/bin/bash
# -M NAME / --machine=NAME together with -D names the machine, and the hostname follows it.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
assert_eq web1 "$(run_uspawn -D "$T/root" -M web1 hostname)" "-M web1"
assert_eq db2 "$(run_uspawn -D "$T/root" --machine=db2 hostname)" "--machine=db2"
