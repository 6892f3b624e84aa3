#!/bin/bash
# TIOCSTI (pushing input into a terminal) fails with EPERM inside, whether the command's terminal
# is the container's /dev/console pty (interactive) or the caller's own terminal (--console=pipe,
# where it would otherwise inject keystrokes into the host shell). Never "ok".
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/pty.sh"

make_busybox_rootfs "$T/root"
out=$(in_pty "$USPAWN" -q -D "$T/root" probe tiocsti)
assert_eq EPERM "$out" "TIOCSTI, interactive console"
out=$(in_pty "$USPAWN" -q -D "$T/root" --console=pipe probe tiocsti)
assert_eq EPERM "$out" "TIOCSTI, --console=pipe on a terminal"
# The pipe-mode command has no controlling terminal at all when it is not given one: still no ok.
out=$(run_uspawn -D "$T/root" probe tiocsti)
assert_not_contains "$out" ok "TIOCSTI without a terminal"
