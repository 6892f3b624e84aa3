#!/bin/bash
# --system-call-filter='~LIST' denies more system calls with EPERM: a @group (~@mount) and a
# single name (~sethostname), both allowed by default; repeated options add up.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
r=$T/root
# Controls: the probe's mount targets a missing path (ENOENT when the kernel sees it); sethostname
# of the current name succeeds.
assert_eq ENOENT "$(run_uspawn -D "$r" probe syscall mount)" "mount by default"
assert_eq ok "$(run_uspawn -D "$r" probe syscall sethostname)" "sethostname by default"
assert_eq EPERM "$(run_uspawn -D "$r" --system-call-filter='~@mount' probe syscall mount)" "mount with ~@mount"
assert_eq EPERM "$(run_uspawn -D "$r" --system-call-filter='~@mount' probe syscall umount2)" "umount2 with ~@mount"
assert_eq ok "$(run_uspawn -D "$r" --system-call-filter='~@mount' probe syscall sethostname)" "sethostname with ~@mount"
assert_eq EPERM "$(run_uspawn -D "$r" --system-call-filter='~sethostname' probe syscall sethostname)" "sethostname with ~sethostname"
assert_eq ENOENT "$(run_uspawn -D "$r" --system-call-filter='~sethostname' probe syscall mount)" "mount with ~sethostname"
out=$(run_uspawn -D "$r" --system-call-filter='~sethostname' --system-call-filter='~@mount' \
	sh -c 'echo $(probe syscall sethostname) $(probe syscall mount)')
assert_eq "EPERM EPERM" "$out" "both options together"
