#!/bin/bash
# A nonexistent -D is uspawn's own error: status 1 and exactly one stderr line, "uspawn: ...",
# that names the path.
. "$(dirname "$0")/../lib/common.sh"

missing=$T/no-such-rootfs
st=0
"$USPAWN" -D "$missing" /bin/true </dev/null >"$T/out" 2>"$T/err" || st=$?
assert_eq 1 "$st" "exit status"
assert_eq "" "$(cat "$T/out")" "stdout"
assert_eq 1 "$(wc -l <"$T/err")" "number of stderr lines"
err=$(cat "$T/err")
assert_contains "$err" "$missing" "error names the path"
case $err in "uspawn: "*) ;; *) fail "error does not start with 'uspawn: ': $err" ;; esac
