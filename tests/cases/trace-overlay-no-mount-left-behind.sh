#!/bin/bash
# The trace backend's fuse-overlayfs mounts never outlive the run: none is left in
# /proc/self/mountinfo after a normal exit, after the guest kills itself with SIGKILL, after an
# error once the overlays are mounted (a command not found), after SIGTERM to uspawn, and after
# SIGKILL to uspawn (the guard process unmounts when uspawn is gone).
. "$(dirname "$0")/../lib/common.sh"

command -v fuse-overlayfs >/dev/null || skip "fuse-overlayfs is not installed (apt-get install fuse-overlayfs)"
command -v fusermount3 >/dev/null || skip "fusermount3 is not installed (apt-get install fuse3)"
[ -r /dev/fuse ] && [ -w /dev/fuse ] || skip "/dev/fuse is not usable by $(id -un)"
make_busybox_rootfs "$T/root"
mkdir -p "$T/lower" "$T/s"
echo a >"$T/lower/f"
# FUSE mounts of this user (the runner gives each case runner a user of its own)
mounts() { grep -c " fuse\.[^ ]* [^ ]* .*user_id=$(id -u)," /proc/self/mountinfo || true; }
assert_eq 0 "$(mounts)" "FUSE mounts before"
args=(--backend=trace -D "$T/root" -x --overlay="$T/lower::/srv" --bind="$T/s:/s")

assert_eq "a" "$(run_uspawn "${args[@]}" cat /srv/f)" "a run with two overlays"
assert_eq 0 "$(mounts)" "FUSE mounts after a normal exit"
st=0; run_uspawn "${args[@]}" sh -c 'kill -9 $$' || st=$?
assert_eq 137 "$st" "exit status of a guest killed by SIGKILL"
assert_eq 0 "$(mounts)" "FUSE mounts after the guest's SIGKILL"
st=0; run_uspawn "${args[@]}" /no/such/program 2>/dev/null || st=$?
assert_eq 127 "$st" "exit status of a command not found"
assert_eq 0 "$(mounts)" "FUSE mounts after an error"

for sig in TERM KILL; do
	rm -f "$T/s/up"
	"$USPAWN" -q "${args[@]}" sh -c 'echo up >/s/up; while :; do sleep 1; done' </dev/null >"$T/out" 2>&1 &
	pid=$!
	for i in $(seq 100); do [ -s "$T/s/up" ] && break; sleep 0.1; done
	[ -s "$T/s/up" ] || { kill -9 $pid; fail "the guest did not start: $(cat "$T/out")"; }
	assert_eq 2 "$(mounts)" "FUSE mounts while running"
	kill -$sig $pid
	wait $pid || true
	# after SIGKILL the guard unmounts once uspawn is gone: asynchronous, so wait for it
	for i in $(seq 50); do [ "$(mounts)" = 0 ] && break; sleep 0.1; done
	assert_eq 0 "$(mounts)" "FUSE mounts after SIG$sig to uspawn (output: $(cat "$T/out"))"
done
