#!/bin/bash
# ioctl(TIOCLINUX) fails with EPERM inside, on the console pty, on the caller's terminal
# (--console=pipe) and on a non-terminal. Control: outside the container the same call reaches
# the kernel (ENOTTY/EINVAL on a non-VT), so EPERM inside comes from the filter.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/pty.sh"

make_busybox_rootfs "$T/root"
host=$("$PROBE" tioclinux </dev/null)
[ "$host" != EPERM ] || skip "TIOCLINUX is already refused outside the container (a filter on us)"
assert_eq EPERM "$(run_uspawn -D "$T/root" probe tioclinux)" "TIOCLINUX on /dev/null"
assert_eq EPERM "$(in_pty "$USPAWN" -q -D "$T/root" probe tioclinux)" "TIOCLINUX, interactive console"
assert_eq EPERM "$(in_pty "$USPAWN" -q -D "$T/root" --console=pipe probe tioclinux)" "TIOCLINUX, --console=pipe on a terminal"
