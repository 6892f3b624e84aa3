#!/bin/bash
# Escape suite seed for --backend=trace: the same absolute path holds "host" on the host and
# "guest" in the tree; a host-only and a guest-only file. Through open, openat (dirfd), openat2
# (also RESOLVE_IN_ROOT), stat, statx, access, faccessat(2), readlink(at) and execve, with absolute
# paths, `..` past the root, absolute and relative symlinks pointing out, /proc/self/root and
# the /proc links of a host process (no PID namespace here: they must not lead out),
# the guest sees only its own files. io_uring_setup fails with ENOSYS (its opens would bypass
# the tracer).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
g=$T/root
# The marker's path must be the same on both sides and not under the guest's private /tmp.
[ -d "${HOME:-}" ] && [ -w "$HOME" ] || skip "no writable \$HOME for the host-side markers"
H=$(mktemp -d "$HOME/.uspawn-escape.XXXXXX")
# a host process whose cwd is the host's marker directory: its /proc links must not lead there
(cd "$H" && exec sleep 60) &
hostpid=$!
trap 'kill $hostpid 2>/dev/null; rm -rf "$H"' EXIT
mkdir -p "$g$H" "$g/d"
echo host >"$H/mark"
echo guest >"$g$H/mark"
echo host-only >"$H/host-only"
echo guest-only >"$g/guest-only"
echo d-x >"$g/d/x"
ln -s "$H/mark" "$g/abs-link"
ln -s "../../../../../../../../../..$H/mark" "$g/rel-link"
printf '#!/bin/sh\necho host-prog\n' >"$H/prog"
printf '#!/bin/sh\necho guest-prog\n' >"$g$H/prog"
chmod +x "$H/prog" "$g$H/prog"

cat >"$g/escape.sh" <<E
p() { printf '%s: ' "\$*"; probe path "\$@"; }
p open $H/mark
p open /../../..$H/mark
p open /abs-link
p open /rel-link
p open /proc/self/root$H/mark
p open /proc/$hostpid/cwd/mark
p open /proc/$hostpid/root$H/mark
p open $H/host-only
p open /guest-only
p openat mark $H
p openat ../../../..$H/mark /
p openat2 $H/mark
p openat2 /rel-link
p openat2-in-root ../../../x /d
p openat2-in-root /x /d
p stat $H/mark
p lstat $H/mark
p stat /abs-link
p statx $H/mark
p access $H/host-only
p access /guest-only
p faccessat2 $H/host-only
p faccessat2 guest-only /
p faccessat $H/host-only
p faccessat guest-only /
p readlink /abs-link
p readlink /proc/self/root
p readlinkat abs-link /
p execve $H/prog
printf 'io_uring_setup: '; probe syscall io_uring_setup
E
out=$(run_uspawn --backend=trace -D "$g" sh /escape.sh)
want="open $H/mark: guest
open /../../..$H/mark: guest
open /abs-link: guest
open /rel-link: guest
open /proc/self/root$H/mark: guest
open /proc/$hostpid/cwd/mark: EACCES
open /proc/$hostpid/root$H/mark: guest
open $H/host-only: ENOENT
open /guest-only: guest-only
openat mark $H: guest
openat ../../../..$H/mark /: guest
openat2 $H/mark: guest
openat2 /rel-link: guest
openat2-in-root ../../../x /d: d-x
openat2-in-root /x /d: d-x
stat $H/mark: size=6
lstat $H/mark: size=6
stat /abs-link: size=6
statx $H/mark: size=6
access $H/host-only: ENOENT
access /guest-only: ok
faccessat2 $H/host-only: ENOENT
faccessat2 guest-only /: ok
faccessat $H/host-only: ENOENT
faccessat guest-only /: ok
readlink /abs-link: $H/mark
readlink /proc/self/root: /
readlinkat abs-link /: $H/mark
execve $H/prog: guest-prog
io_uring_setup: ENOSYS"
assert_eq "$want" "$out" "what the guest sees"
