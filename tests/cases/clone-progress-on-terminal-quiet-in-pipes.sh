#!/bin/bash
# clone shows a progress line (entries, MB) on a terminal and nothing but its one summary line
# when stderr is a pipe or file.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/pty.sh"

make_busybox_rootfs "$T/tree"
head -c 20M /dev/urandom >"$T/tree/blob"
idle() { nap 5; }
out=$(in_pty_typing idle "$USPAWNCTL" clone --method=copy "$T/tree" on-tty) || fail "clone on a terminal: $out"
assert_contains "$out" "clone on-tty:" "progress label"
assert_contains "$out" "entries" "progress counts entries"
assert_contains "$out" " MB" "progress counts bytes"
"$USPAWNCTL" clone --method=copy "$T/tree" in-pipe 2>&1 | cat >"$T/piped"
assert_eq 1 "$(wc -l <"$T/piped")" "one line in a pipe: $(cat "$T/piped")"
assert_contains "$(cat "$T/piped")" "method copy" "the summary line"
