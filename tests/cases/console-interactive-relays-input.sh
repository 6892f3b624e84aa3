#!/bin/bash
# In interactive mode what is typed on the caller's terminal reaches the command through the
# console pty.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/pty.sh"

make_busybox_rootfs "$T/root"
type_hello() { nap 1; printf 'hello\n'; nap 5; }
out=$(in_pty_typing type_hello "$USPAWN" -q -D "$T/root" sh -c 'read -t 5 x && echo "got [$x]" || echo none')
assert_contains "$out" "got [hello]" "line typed on the terminal"
