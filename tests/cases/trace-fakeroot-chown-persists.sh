#!/bin/bash
# The trace backend's fake root: chown succeeds and is remembered on the file itself (the
# ownership store the userns root emulation uses): ls -ln and stat show the owners in this run
# and the next; chown clears the set-user-ID bit as Linux does.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
run() { run_uspawn --backend=trace -D "$T/root" "$@"; }

out=$(run sh -c 'touch /var/f && chown 33:44 /var/f && mkdir /var/d && chown 1000:50 /var/d &&
	touch /var/g && chmod 4755 /var/g && chown 1:1 /var/g && chmod 2750 /var/d && stat -c "%u:%g" /var/f')
assert_eq "33:44" "$out" "owner in the same run"
out=$(run sh -c 'stat -c "%u %g" /var/f; stat -c "%u %g %a" /var/d; stat -c "%u %g %a" /var/g')
assert_eq $'33 44\n1000 50 2750\n1 1 755' "$out" "owners in a fresh run"
ls=$(run ls -ln /var/f)
assert_contains "$ls" " 33 " "ls -ln owner"
assert_contains "$ls" " 44 " "ls -ln group"
assert_eq "alice staff" "$(run stat -c '%U %G' /var/d)" "names"
[ "$(stat -c %u "$T/root/var/f")" = "$(id -u)" ] || fail "the file on the host is not the user's"
if command -v getfattr >/dev/null; then
	assert_eq "33:44:0644:file" "$(getfattr --only-values -n user.containers.override_stat "$T/root/var/f")" "the record"
fi
