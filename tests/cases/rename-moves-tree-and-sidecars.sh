#!/bin/bash
# `uspawnctl rename OLD NEW` moves the tree with NAME.nspawn, NAME.clone and NAME.owners; it
# refuses an existing NEW, a missing OLD and a running OLD, each with one clear line.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/machines.sh"

make_busybox_rootfs "$T/tree"
"$USPAWNCTL" import-fs "$T/tree" base 2>/dev/null
"$USPAWNCTL" clone base old 2>/dev/null
printf '[Exec]\nEnvironment=WHO=renamed\n' >"$MACHINES/old.nspawn"
echo '# owners' >"$MACHINES/old.owners"
"$USPAWNCTL" rename old new 2>"$T/err" || fail "rename: $(cat "$T/err")"
for f in new new.nspawn new.clone new.owners; do [ -e "$MACHINES/$f" ] || fail "$f missing after rename"; done
for f in old old.nspawn old.clone old.owners; do [ ! -e "$MACHINES/$f" ] || fail "$f left after rename"; done
assert_eq ok "$(run_uspawn -M new echo ok)" "the renamed machine runs"

assert_status 1 "rename onto an existing tree" -- "$USPAWNCTL" rename new base 2>"$T/err"
assert_contains "$(cat "$T/err")" "already exists" "existing NEW"
assert_status 1 "rename of a missing tree" -- "$USPAWNCTL" rename nosuch other 2>"$T/err"
assert_contains "$(cat "$T/err")" "No machine image 'nosuch'" "missing OLD"
start_machine new -D "$MACHINES/new" sleep 300
assert_status 1 "rename of a running machine" -- "$USPAWNCTL" rename new newer 2>"$T/err"
assert_contains "$(cat "$T/err")" "running" "running OLD"
[ -d "$MACHINES/new" ] && [ ! -e "$MACHINES/newer" ] || fail "the refused rename moved something"
