#!/bin/bash
# --drop-capability=CAP_SYS_ADMIN removes SYS_ADMIN from the bounding and effective sets, and it
# really is gone: sethostname and mounting a tmpfs, which work by default, fail with EPERM.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
r=$T/root
bnd=$(run_uspawn -D "$r" probe caps bnd)
assert_contains ",$bnd," ",SYS_ADMIN," "default bounding set"
want=${bnd/SYS_ADMIN,/}
assert_eq "$want" "$(run_uspawn -D "$r" --drop-capability=CAP_SYS_ADMIN probe caps bnd)" "bounding set without SYS_ADMIN"
assert_eq "$want" "$(run_uspawn -D "$r" --drop-capability=CAP_SYS_ADMIN probe caps eff)" "effective set without SYS_ADMIN"

# Controls: by default container root may do both.
assert_eq ok "$(run_uspawn -D "$r" probe syscall sethostname)" "sethostname by default"
assert_status 0 "mount -t tmpfs by default" -- run_uspawn -D "$r" mount -t tmpfs none /tmp
assert_eq EPERM "$(run_uspawn -D "$r" --drop-capability=CAP_SYS_ADMIN probe syscall sethostname)" "sethostname without SYS_ADMIN"
st=0
run_uspawn -D "$r" --drop-capability=CAP_SYS_ADMIN mount -t tmpfs none /tmp 2>"$T/err" || st=$?
[ "$st" != 0 ] || fail "mount -t tmpfs succeeded without SYS_ADMIN"
assert_contains "$(cat "$T/err")" "permission denied" "mount's error without SYS_ADMIN"

# all: nothing left at all
assert_eq "bnd=0000000000000000 eff=0000000000000000 prm=0000000000000000 inh=0000000000000000 amb=0000000000000000" \
	"$(run_uspawn -D "$r" --drop-capability=all probe caps)" "--drop-capability=all"
