#!/bin/bash
# A machine running with write access keeps clone away from its tree (the tree lock, with one
# line saying what to do); one running --read-only can be cloned meanwhile.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/machines.sh"

make_busybox_rootfs "$T/tree"
"$USPAWNCTL" import-fs "$T/tree" live 2>/dev/null
start_machine live sleep 300
assert_status 1 "clone of a writable running machine" -- "$USPAWNCTL" clone live copy 2>"$T/err"
assert_contains "$(cat "$T/err")" "in use by a running machine with write access" "error says why"
assert_no_machine copy "refused clone"
"$USPAWNCTL" terminate live
wait "$PID" || true
start_machine live --read-only sleep 300
"$USPAWNCTL" clone live copy 2>"$T/err" || fail "clone of a read-only machine: $(cat "$T/err")"
[ -x "$MACHINES/copy/bin/busybox" ] || fail "the clone is incomplete"
