#!/bin/bash
# run-as: nosub
# With only root mapped, the root emulation's rules join the policy's in the container's one
# seccomp filter. The policy still wins: a call it refuses by default, and one the emulation
# would answer that --system-call-filter refuses, fail with EPERM; the calls it leaves stop in
# the emulation as before; and the container carries one filter, not two.
. "$(dirname "$0")/../lib/common.sh"
require_no_subordinate_range

make_busybox_rootfs "$T/root"
run() { run_uspawn -D "$T/root" "$@"; }

assert_eq "EPERM EPERM" "$(run sh -c 'echo $(probe syscall kexec_load) $(probe syscall keyctl)')" \
	"calls the default policy refuses"
assert_eq "uid=33,33,33 gid=33,33,33" "$(run probe become 33 33)" "setgid and setuid to 33, emulated"
assert_eq EPERM "$(run --system-call-filter='~setuid' probe become 33 33)" \
	"setuid refused by --system-call-filter, not answered by the emulation"
# under make check-trace the wrapper's filter and the trace backend's own are stacked too
case " ${USPAWN_SIMULATE:-} " in
*" deny-userns "*) ;;
*)
	filters=$(run sh -c 'grep "^Seccomp_filters:" /proc/self/status' | awk '{ print $2 }')
	[ -z "$filters" ] || assert_eq 1 "$filters" "filters stacked on the container's processes"
	;;
esac
