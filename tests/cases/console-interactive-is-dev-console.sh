#!/bin/bash
# With a terminal on stdin and stdout, the default console mode is interactive: the command's
# stdin/stdout are /dev/console, a pty relayed to the caller's terminal; its output appears there
# and its exit status passes through.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/pty.sh"

make_busybox_rootfs "$T/root"
assert_eq /dev/console "$(in_pty "$USPAWN" -q -D "$T/root" tty)" "tty"
assert_eq /dev/console "$(in_pty "$USPAWN" -q -D "$T/root" readlink /proc/self/fd/0)" "readlink /proc/self/fd/0"
assert_eq "0=/dev/console 1=/dev/console 2=/dev/console" "$(in_pty "$USPAWN" -q -D "$T/root" probe ttyname)" "probe ttyname"
st=0
out=$(in_pty "$USPAWN" -q -D "$T/root" sh -c 'echo hello from inside; exit 5') || st=$?
assert_eq "hello from inside" "$out" "output on the terminal"
assert_eq 5 "$st" "exit status through the console relay"
# The console really is a terminal the command controls (it is the session's ctty).
assert_eq ok "$(in_pty "$USPAWN" -q -D "$T/root" sh -c ': >/dev/tty && echo ok')" "open /dev/tty"
