#!/bin/bash
# `uspawnctl remove` refuses a machine that is running (read-only or not) with one line naming
# what to do, removes nothing of it, and removes it (tree and sidecars) once it has stopped.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/machines.sh"

make_busybox_rootfs "$T/tree"
"$USPAWNCTL" import-fs "$T/tree" busy 2>/dev/null
echo '[Exec]' >"$MACHINES/busy.nspawn"
for ro in "" --read-only; do
	start_machine busy $ro sleep 300
	assert_status 1 "remove of a running machine${ro:+ ($ro)}" -- "$USPAWNCTL" remove busy 2>"$T/err"
	assert_eq 1 "$(wc -l <"$T/err")" "one line: $(cat "$T/err")"
	assert_contains "$(cat "$T/err")" "running" "error says why"
	assert_contains "$(cat "$T/err")" "terminate" "error says what to do"
	[ -x "$MACHINES/busy/bin/busybox" ] && [ -e "$MACHINES/busy.nspawn" ] || fail "something of busy was removed"
	"$USPAWNCTL" terminate busy
	wait "$PID" || true
done
"$USPAWNCTL" remove busy 2>"$T/err" || fail "remove after stop: $(cat "$T/err")"
[ ! -e "$MACHINES/busy" ] && [ ! -e "$MACHINES/busy.nspawn" ] || fail "busy is still there"
