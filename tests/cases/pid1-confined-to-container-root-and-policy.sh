#!/bin/bash
# PID 1, the stub init, starts as soon as the namespaces exist, before the container is built,
# and is as confined as the command by the time the command runs: it is under the container's
# seccomp policy, keeps no capability but CAP_KILL (it only reaps and passes signals on), and its
# root and working directory are the container's root (pivot_root moves them), not the host's:
# a working directory left in the host's tree would stay reachable through /proc/1/cwd. The same
# for the in-process stub used where executing a memfd is refused (its /proc/1 links are
# unreadable: it is not dumpable).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
touch "$T/root/marker-inside"
status='grep -E "^(Seccomp|CapPrm|CapEff):" /proc/1/status'

out=$(cd "$T" && run_uspawn -D "$T/root" sh -c "$status; readlink /proc/1/root; readlink /proc/1/cwd; ls /proc/1/cwd/marker-inside")
assert_contains "$out" "Seccomp:	2" "PID 1 under the seccomp policy"
assert_contains "$out" "CapPrm:	0000000000000020" "PID 1's permitted capabilities (CAP_KILL only)"
assert_contains "$out" "CapEff:	0000000000000020" "PID 1's effective capabilities (CAP_KILL only)"
assert_eq "/
/
/proc/1/cwd/marker-inside" "$(tail -n 3 <<<"$out")" "PID 1's root and working directory"

out=$(cd "$T" && "$PROBE" deny-syscall execveat -- "$USPAWN" -q --private-users=self -D "$T/root" sh -c "$status" </dev/null)
assert_eq "CapEff:	0000000000000020
CapPrm:	0000000000000020
Seccomp:	2" "$(sort <<<"$out")" "the in-process stub's confinement"
