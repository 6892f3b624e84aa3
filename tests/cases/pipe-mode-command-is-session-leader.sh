#!/bin/bash
# In pipe mode the command runs in a new session (setsid): probe sid shows sid == pid == pgrp,
# both when uspawn's stdin is not a terminal and with --console=pipe on a terminal (so the
# command cannot reach the caller's terminal as its controlling tty).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/pty.sh"

make_busybox_rootfs "$T/root"
check() { # OUTPUT WHAT
	local sid pid pgrp
	read -r sid pid pgrp < <(sed 's/[a-z]*=//g' <<<"$1")
	[ -n "$pid" ] || fail "$2: no answer from probe sid: $1"
	assert_eq "$pid" "$sid" "$2: sid = pid ($1)"
	assert_eq "$pid" "$pgrp" "$2: pgrp = pid ($1)"
}
check "$(run_uspawn -D "$T/root" probe sid)" "pipe mode (stdin /dev/null)"
check "$(in_pty "$USPAWN" -q -D "$T/root" --console=pipe probe sid)" "--console=pipe on a terminal"
# and it has no controlling terminal: /dev/tty cannot be opened
out=$(in_pty "$USPAWN" -q -D "$T/root" --console=pipe sh -c 'if (: >/dev/tty) 2>/dev/null; then echo opened; else echo refused; fi')
assert_contains "$out" refused "opening /dev/tty in pipe mode"
