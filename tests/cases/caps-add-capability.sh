#!/bin/bash
# --capability=CAP_NET_ADMIN adds NET_ADMIN to the bounding set and to root's effective set,
# without disturbing the rest of the default list; "all" gives every capability the kernel knows.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
bnd=$(run_uspawn -D "$T/root" probe caps bnd)
assert_not_contains ",$bnd," ",NET_ADMIN," "default bounding set"
want=${bnd/NET_BROADCAST,/NET_BROADCAST,NET_ADMIN,}
assert_eq "$want" "$(run_uspawn -D "$T/root" --capability=CAP_NET_ADMIN probe caps bnd)" "bounding set with --capability=CAP_NET_ADMIN"
assert_eq "$want" "$(run_uspawn -D "$T/root" --capability=CAP_NET_ADMIN probe caps eff)" "effective set with --capability=CAP_NET_ADMIN"
# Two at once, comma-separated, one without the CAP_ prefix.
two=$(run_uspawn -D "$T/root" --capability=CAP_NET_ADMIN,SYS_TIME probe caps bnd)
assert_contains ",$two," ",NET_ADMIN," "--capability=CAP_NET_ADMIN,SYS_TIME"
assert_contains ",$two," ",SYS_TIME," "--capability=CAP_NET_ADMIN,SYS_TIME"
# "all": every capability of the running kernel (0..cap_last_cap; a new user namespace starts
# with a full bounding set, whatever ours is).
all=$(run_uspawn -D "$T/root" --capability=all probe caps bnd)
last=$(cat /proc/sys/kernel/cap_last_cap)
for c in SYS_MODULE SYS_RAWIO SYS_TIME NET_ADMIN IPC_LOCK; do
	assert_contains ",$all," ",$c," "--capability=all"
done
assert_eq "$((last + 1))" "$(tr , '\n' <<<"$all" | wc -l)" "--capability=all: number of capabilities ($all)"
