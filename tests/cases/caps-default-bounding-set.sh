#!/bin/bash
# The container's bounding set is exactly nspawn's default keep list (no more, no less), and
# container root has all of it effective and permitted.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
# In capability-number order, as `probe caps` prints names.
want=CHOWN,DAC_OVERRIDE,DAC_READ_SEARCH,FOWNER,FSETID,KILL,SETGID,SETUID,SETPCAP,LINUX_IMMUTABLE
want=$want,NET_BIND_SERVICE,NET_BROADCAST,NET_RAW,IPC_OWNER,SYS_CHROOT,SYS_PTRACE,SYS_ADMIN
want=$want,SYS_BOOT,SYS_NICE,SYS_RESOURCE,MKNOD,LEASE,AUDIT_WRITE,SETFCAP
assert_eq "$want" "$(run_uspawn -D "$T/root" probe caps bnd)" "bounding set"
assert_eq "$want" "$(run_uspawn -D "$T/root" probe caps eff)" "root's effective set"
assert_eq "$want" "$(run_uspawn -D "$T/root" probe caps prm)" "root's permitted set"
assert_eq none "$(run_uspawn -D "$T/root" probe caps amb)" "ambient set"
