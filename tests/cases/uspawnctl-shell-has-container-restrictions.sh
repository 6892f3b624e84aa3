#!/bin/bash
# A shell entered with `uspawnctl shell` can do no more than the container's own processes:
# the same capability bounding set (also after --drop-capability), the seccomp filter (bpf is
# EPERM; the machine's --system-call-filter is honoured), no_new_privs when the machine has it.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/machines.sh"

make_busybox_rootfs "$T/root"
make_busybox_rootfs "$T/root2"
# what the container's own processes have (uspawn locks a tree while a machine runs on it)
want=$(run_uspawn -D "$T/root" probe caps bnd)
want_dropped=$(run_uspawn -D "$T/root" --drop-capability=SYS_ADMIN,NET_RAW probe caps bnd)
start_machine plain -D "$T/root" sleep 300
assert_eq "$want" "$("$USPAWNCTL" shell plain probe caps bnd </dev/null)" "bounding set"
assert_eq EPERM "$("$USPAWNCTL" shell plain probe syscall bpf </dev/null)" "bpf"
assert_eq 2 "$("$USPAWNCTL" shell plain probe seccomp </dev/null)" "Seccomp: mode"
assert_eq 0 "$("$USPAWNCTL" shell plain sh -c 'grep NoNewPrivs /proc/self/status | cut -f2' </dev/null)" "no_new_privs off"
start_machine tight -D "$T/root2" --drop-capability=SYS_ADMIN,NET_RAW --no-new-privileges=yes \
	--system-call-filter='~sethostname' sleep 300
caps=$("$USPAWNCTL" shell tight probe caps bnd </dev/null)
assert_eq "$want_dropped" "$caps" "dropped caps"
assert_eq 1 "$("$USPAWNCTL" shell tight sh -c 'grep NoNewPrivs /proc/self/status | cut -f2' </dev/null)" "no_new_privs on"
assert_eq ok "$("$USPAWNCTL" shell plain probe syscall sethostname </dev/null)" "sethostname by default"
assert_eq EPERM "$("$USPAWNCTL" shell tight probe syscall sethostname </dev/null)" "sethostname with ~sethostname"
assert_eq EPERM "$("$USPAWNCTL" shell tight probe syscall bpf </dev/null)" "bpf with ~sethostname"
