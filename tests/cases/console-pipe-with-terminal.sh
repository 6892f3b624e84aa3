#!/bin/bash
# --console=pipe on a terminal: no pty in between, the command's stdin is not a tty (tty says
# "not a tty" and exits 1, which passes through), and its stdout and stderr still reach the
# caller's terminal.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/pty.sh"

make_busybox_rootfs "$T/root"
st=0
out=$(in_pty "$USPAWN" -q -D "$T/root" --console=pipe tty) || st=$?
assert_eq "not a tty" "$out" "tty with --console=pipe"
assert_eq 1 "$st" "tty's status"
st=0
out=$(in_pty "$USPAWN" -q -D "$T/root" --console=pipe sh -c 'echo out; echo err >&2; exit 4') || st=$?
assert_eq "out
err" "$out" "stdout and stderr on the terminal"
assert_eq 4 "$st" "exit status"
