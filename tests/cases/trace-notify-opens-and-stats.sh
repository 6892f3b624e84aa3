#!/bin/bash
# The calls the trace backend answers from seccomp user notifications (opens that create
# nothing, stat, lstat, statx, access) give what the tracer's stops give: the guest's files and
# not the host's at the same path, dirfd-relative opens from the guest's directories, O_CLOEXEC
# as asked, fake root's owners in stat results (recorded, the user's as root, others as nobody),
# a FIFO opened (handed back to the tracer, which blocks for it, not the supervisor). Under the
# fallback wrappers (make check-trace-fallbacks) the same answers come from the other paths.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
[ -d "${HOME:-}" ] && [ -w "$HOME" ] || skip "no writable \$HOME for the host-side marker"
H=$(mktemp -d "$HOME/.uspawn-notify.XXXXXX")
trap 'rm -rf "$H"' EXIT
mkdir -p "$T/root$H" "$T/root/d"
echo host >"$H/mark"
echo guest >"$T/root$H/mark"
echo host-only >"$H/host-only"
echo d-x >"$T/root/d/x"
ln -s "$H/mark" "$T/root/abs-link"

cat >"$T/root/t.sh" <<E
p() { printf '%s: ' "\$*"; probe path "\$@"; }
p open $H/mark
p open /abs-link
p open $H/host-only
p openat x /d
p openat ../../../..$H/mark /d
p stat $H/host-only
p lstat /abs-link
p statx $H/mark
p access $H/host-only
p faccessat2 x /d
printf 'cloexec: '; probe cloexec /d/x
touch /owned; chown 5:6 /owned
stat -c 'owners: %u:%g %n' /owned /d/x /proc/1
mkfifo /tmp/fifo; (echo through-fifo >/tmp/fifo &); cat /tmp/fifo
E
err=$(USPAWN_LOG_LEVEL=debug "$USPAWN" --backend=trace -D "$T/root" sh /t.sh 2>&1 >"$T/out" </dev/null) ||
	fail "uspawn failed: $err"
assert_eq "open $H/mark: guest
open /abs-link: guest
open $H/host-only: ENOENT
openat x /d: d-x
openat ../../../..$H/mark /d: guest
stat $H/host-only: ENOENT
lstat /abs-link: size=$((${#H} + 5))
statx $H/mark: size=6
access $H/host-only: ENOENT
faccessat2 x /d: ok
cloexec: cloexec=1 plain=0
owners: 5:6 /owned
owners: 0:0 /d/x
owners: 65534:65534 /proc/1
through-fifo" "$(cat "$T/out")" "answers in the guest"
if grep -q 'notify listener: yes' <<<"$err"; then
	handed=$(sed -n 's/.* \([0-9]*\) handed to the tracer.*/\1/p' <<<"$err")
	[ "${handed:-0}" -ge 1 ] || fail "the FIFO's open was not handed to the tracer: $err"
fi
