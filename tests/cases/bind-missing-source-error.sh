#!/bin/bash
# --bind with a SRC that does not exist on the host: status 1, one "uspawn: " line naming SRC, the
# command does not run.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
st=0
"$USPAWN" -q -D "$T/root" --bind="$T/no-such-src:/mnt/x" sh -c 'echo ran' </dev/null >"$T/out" 2>"$T/err" || st=$?
assert_eq 1 "$st" "exit status"
assert_eq "" "$(cat "$T/out")" "stdout (must not run)"
assert_eq 1 "$(wc -l <"$T/err")" "number of stderr lines"
err=$(cat "$T/err")
case $err in "uspawn: "*) ;; *) fail "error does not start with 'uspawn: ': $err" ;; esac
assert_contains "$err" "$T/no-such-src" "error names the source"
