#!/bin/bash
# --chdir to a directory missing in the tree: status 1, the command does not run, one "uspawn: "
# line naming the directory.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
st=0
"$USPAWN" -q -D "$T/root" --chdir=/no/such/dir sh -c 'echo ran' </dev/null >"$T/out" 2>"$T/err" || st=$?
assert_eq 1 "$st" "exit status"
assert_eq "" "$(cat "$T/out")" "stdout (the command must not run)"
assert_eq 1 "$(wc -l <"$T/err")" "number of stderr lines"
err=$(cat "$T/err")
case $err in "uspawn: "*) ;; *) fail "error does not start with 'uspawn: ': $err" ;; esac
assert_contains "$err" "/no/such/dir" "error names the directory"
