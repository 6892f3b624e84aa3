#!/bin/bash
# needs: delegated-cgroup
# A Debian bookworm tree with systemd boots as an ordinary user's container when uspawn runs in
# a cgroup delegated to the user (as a user service with Delegate=yes): systemd gets a cgroup and
# cgroup namespace of its own with cgroup2 writable at /sys/fs/cgroup, detects the container,
# `systemctl is-system-running` inside (through uspawnctl shell) says running or degraded,
# /run/host survives systemd's start-up, and SIGTERM powers it off cleanly (SIGRTMIN+3): exit 0,
# its cgroup removed.
. "$(dirname "$0")/../lib/common.sh"

src=$(bookworm_systemd_rootfs)
cg=$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)
mnt=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
[ -n "$mnt" ] && [ -w "$mnt$cg/cgroup.procs" ] ||
	skip "this case's cgroup ($cg) is not delegated to $(id -un) (run the suite as root, or under systemd-run --user -p Delegate=yes)"
copy_debian_tree "$src" "$T/root"
export XDG_RUNTIME_DIR=$T/run
mkdir -m 0700 "$XDG_RUNTIME_DIR"
"$USPAWN" -D "$T/root" -M sd -b </dev/null >"$T/out" 2>&1 &
pid=$!
state=
for i in $(seq 120); do
	state=$("$USPAWNCTL" shell sd systemctl is-system-running </dev/null 2>/dev/null || true)
	case $state in running | degraded) break ;; esac
	sleep 0.5
done
failed=$("$USPAWNCTL" shell sd systemctl --failed --no-legend --plain </dev/null 2>&1 || true)
virt=$("$USPAWNCTL" shell sd systemd-detect-virt --container </dev/null 2>&1 || true)
manager=$("$USPAWNCTL" shell sd cat /run/host/container-manager </dev/null 2>&1 || true)
ls "$mnt$cg" >"$T/cgroups-while-running"
kill -TERM $pid
st=0
wait $pid || st=$?
case $state in running | degraded) ;; *) fail "systemd did not come up: '$state'; $(tail -20 "$T/out")" ;; esac
echo "state: $state; failed units: ${failed:-none}" >&2
assert_eq container-other "$virt" "systemd-detect-virt inside"
assert_eq uspawn "$manager" "/run/host/container-manager in the booted system"
grep -q '^uspawn-sd-' "$T/cgroups-while-running" || fail "no cgroup of the machine's own under $mnt$cg"
assert_eq 0 "$st" "exit status after SIGTERM (output: $(tail -5 "$T/out"))"
assert_contains "$(cat "$T/out")" "uspawn: Booting systemd from /usr/lib/systemd/systemd." "the notice"
[ -z "$(ls "$mnt$cg" | grep '^uspawn-sd-')" ] || fail "the machine's cgroup outlived it"
