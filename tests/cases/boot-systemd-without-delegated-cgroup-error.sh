#!/bin/bash
# Booting systemd where uspawn's cgroup is not delegated to the user fails at once with one
# line naming the remedy (a user service with Delegate=yes, or systemd-run), and leaves nothing
# behind. The tree need not be a real systemd one: a /lib/systemd/systemd is enough to be found.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

cg=$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)
mnt=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
[ -n "$mnt" ] || skip "no cgroup v2 hierarchy on this host"
[ ! -w "$mnt$cg/cgroup.procs" ] || skip "this case runs in a delegated cgroup ($cg); it needs one that is not"
make_busybox_rootfs "$T/root"
mkdir -p "$T/root/lib/systemd"
ln -s /bin/busybox "$T/root/lib/systemd/systemd"
expect_error 1 "systemd without a delegated cgroup" -- -q -D "$T/root" -b
assert_contains "$ERR" "systemd needs a cgroup of its own" "the reason"
assert_contains "$ERR" "Delegate=yes" "the remedy"
