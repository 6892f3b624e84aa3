#!/bin/bash
# clone refuses, with one line and nothing left behind, a DST that exists (a tree or a path), a
# missing SRC, a DST inside SRC and an unknown --method; a successful clone copies SRC.nspawn
# beside DST, to a machine name or to a path.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

make_busybox_rootfs "$T/tree"
"$USPAWNCTL" import-fs "$T/tree" src 2>/dev/null
printf '[Exec]\nEnvironment=FROM=src\n' >"$MACHINES/src.nspawn"
"$USPAWNCTL" clone src dst 2>/dev/null
assert_eq "$(cat "$MACHINES/src.nspawn")" "$(cat "$MACHINES/dst.nspawn")" "SRC.nspawn copied to DST.nspawn"
assert_eq src "$(run_uspawn -M dst sh -c 'echo $FROM')" "the clone runs with the copied settings"
"$USPAWNCTL" clone src "$T/by-path" 2>/dev/null
[ -x "$T/by-path/bin/busybox" ] && [ -e "$T/by-path.nspawn" ] && [ -e "$T/by-path.clone" ] || fail "clone to a path"

touch -d '2001-01-01' "$MACHINES/dst/etc/hostname"
before=$(stat -c %Y "$MACHINES/dst/etc/hostname")
expect_refused() { # WHAT NEEDLE ARGS...
	local what=$1 needle=$2
	shift 2
	assert_status 1 "$what" -- "$USPAWNCTL" clone "$@" 2>"$T/err"
	assert_eq 1 "$(wc -l <"$T/err")" "$what: one line: $(cat "$T/err")"
	assert_contains "$(cat "$T/err")" "$needle" "$what"
}
expect_refused "existing machine" "'dst' already exists" src dst
expect_refused "existing path" "already exists" src "$T/by-path"
expect_refused "missing source" "No machine image 'nosuch'" nosuch other
expect_refused "inside its source" "would be inside" "$T/tree" "$T/tree/copy"
expect_refused "unknown method" "invalid --method=fast" --method=fast src other
assert_eq "$before" "$(stat -c %Y "$MACHINES/dst/etc/hostname")" "the existing clone was not touched"
assert_no_machine other "refused clones"
[ ! -e "$T/tree/copy" ] && ! ls -A "$T/tree" | grep -q '^\.#' || fail "something was made inside the source"
