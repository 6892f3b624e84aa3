#!/bin/bash
# /proc inside is a fresh proc of the container's pid namespace: PID 1 is the container's init,
# only container processes are listed, and a host process (a sleep started here) is invisible.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
sleep 31.4159 &
hostpid=$!
trap 'kill $hostpid 2>/dev/null || true' EXIT
# the forked shell needs a moment to become sleep
for i in $(seq 50); do grep -q 31.4159 "/proc/$hostpid/cmdline" 2>/dev/null && break; sleep 0.02; done
grep -q 31.4159 "/proc/$hostpid/cmdline" || fail "test setup: host sleep not visible on the host"
st=0
out=$(run_uspawn -D "$T/root" sh -c 'probe statfs /proc; cat /proc/*/cmdline 2>/dev/null | tr "\0" " "; echo; ls /proc | grep -c "^[0-9]*$"') || st=$?
pst=0
psout=$(run_uspawn -D "$T/root" ps -o pid,args) || pst=$?
kill "$hostpid" 2>/dev/null || true
assert_eq 0 "$st" "exit status of the /proc listing"
assert_eq 0 "$pst" "exit status of ps"
assert_eq proc "$(sed -n 1p <<<"$out" | awk '{ print $2 }')" "filesystem at /proc"
assert_not_contains "$(sed -n 2p <<<"$out")" "31.4159" "command lines of the processes in /proc"
n=$(sed -n 3p <<<"$out")
[ "$n" -le 6 ] || fail "$n processes visible in /proc (only the container's few expected)"
assert_not_contains "$psout" "31.4159" "ps"
awk 'NR > 1 && $1 == 1 { found = 1 } END { exit !found }' <<<"$psout" || fail "ps shows no PID 1: $psout"
