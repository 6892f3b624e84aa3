#!/bin/bash
# A bind is recursive by default (and with :rbind): the mounts below SRC come along. /mnt/a gets
# a bind of its own at /mnt/a/sub; binding +/mnt/a elsewhere shows that submount's file.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/outer/sub" "$T/inner"
echo inner-file >"$T/inner/f"
for opt in "" ":rbind"; do
	out=$(run_uspawn -D "$T/root" --bind="$T/outer:/mnt/a" --bind="$T/inner:/mnt/a/sub" \
		--bind="+/mnt/a:/mnt/c/d/e$opt" sh -c 'cat /mnt/c/d/e/sub/f; cut -d" " -f2 /proc/self/mounts')
	assert_eq inner-file "$(sed -n 1p <<<"$out")" "submount's file through the bind${opt:- (default)}"
	grep -qxF -- "/mnt/c/d/e/sub" <<<"$out" || fail "mount list${opt:- (default)}: no line /mnt/c/d/e/sub in: $out"
done
# Host submounts too: /sys's own mounts (e.g. /sys/fs/cgroup) appear under the bind of /sys.
sub=$(awk '$2 ~ "^/sys/." { print $2; exit }' /proc/self/mounts)
[ -n "$sub" ] || skip "no mount below /sys on this host"
out=$(run_uspawn -D "$T/root" --bind-ro=/sys:/mnt/sys sh -c 'cut -d" " -f2 /proc/self/mounts')
grep -qxF -- "/mnt$sub" <<<"$out" || fail "host submount $sub under the bind of /sys: no line /mnt$sub in: $out"
