#!/bin/bash
# The default seccomp filter makes the dangerous system calls of the spec's list fail with EPERM
# inside (each probe call is harmless if it got through: it would fail with EINVAL/ENOENT/EFAULT
# instead), leaves ordinary ones alone, and is a real filter (Seccomp: 2).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
calls="kexec_load init_module finit_module delete_module swapon swapoff keyctl add_key request_key
	bpf perf_event_open acct settimeofday clock_settime adjtimex clock_adjtime syslog
	open_by_handle_at quotactl userfaultfd"
script=
for c in $calls; do script="$script echo $c \$(probe syscall $c);"; done
out=$(run_uspawn -D "$T/root" sh -c "$script")
for c in $calls; do
	got=$(awk -v c="$c" '$1 == c { print $2 }' <<<"$out")
	assert_eq EPERM "$got" "$c inside"
done
assert_eq ok "$(run_uspawn -D "$T/root" probe syscall getpid)" "getpid inside"
assert_eq 2 "$(run_uspawn -D "$T/root" probe seccomp)" "Seccomp: mode inside"
# The command is not the only one filtered: a child it forks is too (filters are inherited).
assert_eq EPERM "$(run_uspawn -D "$T/root" sh -c 'probe syscall kexec_load | cat')" "kexec_load in a grandchild"
