#!/bin/bash
# --console=read-only: the command's output is relayed to the caller's terminal (and its status
# passes through), but what is typed there does not reach it.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/pty.sh"

make_busybox_rootfs "$T/root"
st=0
out=$(in_pty "$USPAWN" -q -D "$T/root" --console=read-only sh -c 'echo relayed; exit 3') || st=$?
assert_eq relayed "$out" "output with --console=read-only"
assert_eq 3 "$st" "exit status"
type_line() { nap 0.5; printf 'typed\n'; nap 5; }
out=$(in_pty_typing type_line "$USPAWN" -q -D "$T/root" --console=read-only \
	sh -c 'if read -t 2 x; then echo "got [$x]"; else echo none; fi')
assert_not_contains "$out" "got [" "input with --console=read-only"
assert_contains "$out" none "the command's read timed out"
