#!/bin/bash
# needs: delegated-cgroup
# The bookworm systemd tree boots throw-away: with -x (its changes on a tmpfs overlay) and with
# --volatile=yes (a tmpfs root with the tree's /usr only, the stateless system nspawn's option is
# for): systemd reaches running or degraded, writes of its own land nowhere in the tree, and
# SIGTERM powers it off (exit 0). The tree is used in place and is unchanged afterwards. An empty
# /etc is a first boot, where systemd-firstboot would wait for answers on the console (as under
# nspawn): systemd.firstboot=off, an argument for the init, skips it.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/tree-snapshot.sh"

src=$(bookworm_systemd_rootfs)
cg=$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)
mnt=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
[ -n "$mnt" ] && [ -w "$mnt$cg/cgroup.procs" ] ||
	skip "this case's cgroup ($cg) is not delegated to $(id -un) (run the suite as root, or under systemd-run --user -p Delegate=yes)"
export XDG_RUNTIME_DIR=$T/run
mkdir -m 0700 "$XDG_RUNTIME_DIR"
before=$(tree_snapshot "$src")
for mode in -x --volatile=yes; do
	"$USPAWN" -D "$src" -M vol -b $mode systemd.firstboot=off </dev/null >"$T/out" 2>&1 &
	pid=$!
	state=
	for i in $(seq 120); do
		state=$("$USPAWNCTL" shell vol systemctl is-system-running </dev/null 2>/dev/null || true)
		case $state in running | degraded) break ;; esac
		sleep 0.5
	done
	"$USPAWNCTL" shell vol sh -c 'echo x >/etc/written-inside; echo y >/var/written-inside' </dev/null >/dev/null 2>&1 || true
	kill -TERM $pid
	st=0
	wait $pid || st=$?
	case $state in running | degraded) ;; *) fail "$mode: systemd did not come up: '$state'; $(tail -20 "$T/out")" ;; esac
	assert_eq 0 "$st" "$mode: exit status after SIGTERM (output: $(tail -5 "$T/out"))"
	assert_eq "$before" "$(tree_snapshot "$src")" "$mode: the tree after the boot"
done
