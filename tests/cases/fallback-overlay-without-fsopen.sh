#!/bin/bash
# Without the new mount API (fsopen refused, as on kernels before 5.2 or under a container's
# seccomp profile) the kernel's overlayfs is mounted with mount(2): layers still go by fd, so a
# lower path with ':' and ',' works, and so does an ephemeral root -- no fuse-overlayfs needed.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/lo:w,er" "$T/upper"
echo a >"$T/lo:w,er/f"
deny=("$PROBE" deny-syscall fsopen --)
out=$("${deny[@]}" "$USPAWN" -D "$T/root" --overlay="$T/lo\\:w,er:$T/upper:/srv" -x \
	sh -c 'cat /srv/f; echo n >/srv/n; echo r >/r; awk '"'"'$5 == "/" || $5 == "/srv" { for (i = 7; $i != "-"; i++); print $5, $(i + 1) }'"'"' /proc/self/mountinfo' \
	</dev/null 2>"$T/err")
assert_eq "a
/ overlay
/srv overlay" "$out" "the kernel's overlays (stderr: $(cat "$T/err"))"
assert_not_contains "$(cat "$T/err")" "fuse-overlayfs" "stderr"
assert_eq n "$(cat "$T/upper/n")" "write into the upper"
[ ! -e "$T/root/r" ] || fail "the ephemeral root wrote into the tree"
