#!/bin/bash
# run-as: nosub
# chmod under root emulation, in both backends (userns: seccomp user notification; trace: fake
# root): chmod 4755 after chown shows rwsr-xr-x and the owner, in this run and the next, and the
# ownership record (what fuse-overlayfs and other readers of user.containers.override_stat show)
# carries the new mode; a dropped user may not chmod another's file, nor root's.
. "$(dirname "$0")/../lib/common.sh"
require_no_subordinate_range
command -v getfattr >/dev/null || skip "getfattr is not installed (apt-get install attr)"

src=$(bookworm_owned_rootfs)
for be in userns trace; do
	[ "$be" = trace ] || "$USPAWNCTL" check --json | jq -e .userns.ok >/dev/null 2>&1 || continue
	copy_owned_tree "$src" "$T/$be"
	run() { run_uspawn --backend="$be" -D "$T/$be" "$@"; }
	out=$(run sh -ec 'cd /var/tmp; cp /usr/bin/id sid; chown daemon:daemon sid; chmod 4755 sid
		ls -l sid | cut -d" " -f1,3,4; touch x; chmod 600 x
		su -s /bin/sh nobody -c "chmod 777 /var/tmp/sid /var/tmp/x 2>&1; chmod 4700 /var/tmp/sid 2>&1" | sed "s/^.*: //"' 2>/dev/null)
	assert_eq $'-rwsr-xr-x daemon daemon\nOperation not permitted\nOperation not permitted\nOperation not permitted' \
		"$out" "$be: ls -l after chown and chmod 4755; nobody's chmod of daemon's and root's files"
	assert_eq "-rwsr-xr-x daemon daemon" "$(run ls -l /var/tmp/sid | cut -d' ' -f1,3,4)" "$be: ls -l in the next run"
	assert_eq "-rw-------" "$(run ls -l /var/tmp/x | cut -d' ' -f1)" "$be: root's file after nobody's chmod"
	rec=$(getfattr --only-values -n user.containers.override_stat "$T/$be/var/tmp/sid")
	assert_eq "1:1:4755:file" "$rec" "$be: the record on the host"
	[ "$(stat -c %a "$T/$be/var/tmp/sid")" = 4755 ] || fail "$be: the real file's mode is not 4755"
	# root's chmod of a recorded file keeps the record in step too
	run chmod 0750 /var/tmp/sid
	assert_eq "1:1:0750:file" "$(getfattr --only-values -n user.containers.override_stat "$T/$be/var/tmp/sid")" \
		"$be: the record after root's chmod 0750"
done
