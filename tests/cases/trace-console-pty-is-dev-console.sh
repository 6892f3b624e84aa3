#!/bin/bash
# The trace backend gives the command a console pty as the userns backend does, with no
# namespaces: on a terminal its stdio is /dev/console (a path-table row to the pty's slave), the
# controlling terminal of its session; output and exit status pass through, typed input reaches
# it, and ^]^]^] kills it.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/pty.sh"

make_busybox_rootfs "$T/root"
assert_eq "0=/dev/console 1=/dev/console 2=/dev/console" \
	"$(in_pty "$USPAWN" -q --backend=trace -D "$T/root" probe ttyname)" "probe ttyname"
st=0
out=$(in_pty "$USPAWN" -q --backend=trace -D "$T/root" sh -c ': >/dev/tty && echo hello; exit 5') || st=$?
assert_eq "hello" "$out" "output through the console (the command's own /dev/tty)"
assert_eq 5 "$st" "exit status"
type_hello() { nap 1; printf 'hello\n'; nap 5; }
out=$(in_pty_typing type_hello "$USPAWN" -q --backend=trace -D "$T/root" sh -c 'read -t 5 x && echo "got [$x]" || echo none')
assert_contains "$out" "got [hello]" "a line typed on the terminal"
st=0
escape3() { nap 1; printf '\035\035\035'; nap 8; }
in_pty_typing escape3 "$USPAWN" -q --backend=trace -D "$T/root" sleep 105 >/dev/null || st=$?
[ "$st" != 0 ] && [ "$st" != 124 ] || fail "uspawn's status after ^]^]^]: $st"
assert_eq "" "$(pgrep -u "$(id -u)" -x sleep -a | grep 'sleep 105' || true)" "the command after ^]^]^]"
