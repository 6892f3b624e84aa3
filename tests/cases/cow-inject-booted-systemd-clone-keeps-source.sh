#!/bin/bash
# needs: delegated-cgroup
# A hard-link clone of the bookworm systemd tree, booted: systemd gives services a clean
# environment, so uspawn also passes systemd.setenv=LD_PRELOAD=... and USPAWN_COW_PATH=/ to it
# (a containerized systemd reads PID 1's arguments as its kernel command line). The boot's own
# writes (random seed, journal, machine-id...) and a service that appends to /etc/issue, chmods
# /etc/host.conf and copies over /usr/bin/yes leave every file of the source tree as it was.
. "$(dirname "$0")/../lib/common.sh"

src=$(bookworm_systemd_rootfs)
cg=$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)
mnt=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
[ -n "$mnt" ] && [ -w "$mnt$cg/cgroup.procs" ] ||
	skip "this case's cgroup ($cg) is not delegated to $(id -un) (run the suite as root, or under systemd-run --user -p Delegate=yes)"
copy_debian_tree "$src" "$T/src"
cp -al "$T/src" "$T/clone"
printf '{"method":"hardlink","source":"%s"}\n' "$T/src" >"$T/clone.clone"
# the test service: new files in the clone only
cat >"$T/clone/etc/systemd/system/cow-job.service" <<'E'
[Service]
Type=oneshot
ExecStart=/bin/sh -c 'echo booted >>/etc/issue; chmod 600 /etc/host.conf; cp /bin/true /usr/bin/yes; echo "$LD_PRELOAD" >/cow-job-done'
[Install]
WantedBy=multi-user.target
E
ln -s ../cow-job.service "$T/clone/etc/systemd/system/multi-user.target.wants/cow-job.service"
manifest() { # TREE
	(cd "$1" && find . -printf '%p %y %i %m %U %G %s %T@ %l\n' | sort &&
		find . -type f -print0 | sort -z | xargs -0 sha256sum)
}
manifest "$T/src" >"$T/before"

export XDG_RUNTIME_DIR=$T/run
mkdir -m 0700 "$XDG_RUNTIME_DIR"
"$USPAWN" -D "$T/clone" -M "cowsd-$$" -b </dev/null >"$T/out" 2>&1 &
pid=$!
for i in $(seq 240); do [ -s "$T/clone/cow-job-done" ] && break; sleep 0.25; done
[ -s "$T/clone/cow-job-done" ] || { kill -9 $pid; fail "the service did not run: $(tail -20 "$T/out")"; }
kill -TERM $pid
st=0
wait $pid || st=$?
assert_eq 0 "$st" "exit status after SIGTERM (output: $(tail -20 "$T/out"))"

assert_eq /run/host/uspawn/libuspawn-cow.so "$(cat "$T/clone/cow-job-done")" "the service's LD_PRELOAD"
manifest "$T/src" >"$T/after"
diff -u "$T/before" "$T/after" >&2 || fail "the source tree changed during the boot"
assert_contains "$(cat "$T/clone/etc/issue")" booted "the clone's /etc/issue"
assert_eq 600 "$(stat -c %a "$T/clone/etc/host.conf")" "the clone's /etc/host.conf mode"
