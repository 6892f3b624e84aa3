#!/bin/bash
# Without -u the command runs as root (uid 0, gid 0) with HOME=/root, USER=LOGNAME=root, and in
# /root; -u root is the same.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
for u in "" "-u root" "--user=0"; do
	# shellcheck disable=SC2086
	out=$(run_uspawn -D "$T/root" $u probe ids)
	case $out in "uid=0 gid=0 euid=0 egid=0 groups="*) ;; *) fail "probe ids (${u:-no -u}): $out" ;; esac
	# shellcheck disable=SC2086
	out=$(HOME=/host-home USER=x LOGNAME=x run_uspawn -D "$T/root" $u sh -c 'echo "$HOME|$USER|$LOGNAME|$(pwd)"')
	assert_eq "/root|root|root|/root" "$out" "HOME|USER|LOGNAME|cwd (${u:-no -u})"
done
