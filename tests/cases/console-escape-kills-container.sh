#!/bin/bash
# Pressing ^] three times within a second on an interactive console kills the container: uspawn
# running `sleep 100` exits promptly with a non-zero status and the sleep is gone. Three ^] spread
# over more than a second do nothing.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/pty.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_busybox_rootfs "$T/root"
st=0
start=$(date +%s%N)
escape3() { nap 1; printf '\035\035\035'; nap 8; }
in_pty_typing escape3 "$USPAWN" -q -D "$T/root" sleep 104 >/dev/null || st=$?
ms=$((($(date +%s%N) - start) / 1000000))
[ "$st" != 0 ] || fail "uspawn exited 0 after ^]^]^]"
[ "$st" != 124 ] || fail "uspawn did not exit after ^]^]^] (timeout)"
[ "$ms" -lt 4000 ] || fail "uspawn took $ms ms to exit after ^]^]^] sent at 1 s"
no_process_left '^sleep 104$' "the container after ^]^]^]"

# Control: spread out, they are just characters (sleep 3 finishes normally).
st=0
spread3() { nap 0.3; printf '\035'; nap 1.1; printf '\035'; nap 1.1; printf '\035'; nap 5; }
in_pty_typing spread3 "$USPAWN" -q -D "$T/root" sleep 3 >/dev/null || st=$?
assert_eq 0 "$st" "status with three ^] over 2.2 s"
