#!/bin/bash
# -u with a user that is not in the guest's /etc/passwd: status 1, nothing run, and one
# "uspawn: " line on stderr naming the user.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
st=0
"$USPAWN" -q -D "$T/root" -u bobby-nosuch sh -c 'touch /ran' </dev/null >"$T/out" 2>"$T/err" || st=$?
assert_eq 1 "$st" "exit status"
assert_eq "" "$(cat "$T/out")" "stdout"
assert_eq 1 "$(wc -l <"$T/err")" "number of stderr lines"
err=$(cat "$T/err")
case $err in "uspawn: "*) ;; *) fail "error does not start with 'uspawn: ': $err" ;; esac
assert_contains "$err" "bobby-nosuch" "error names the user"
[ ! -e "$T/root/ran" ] || fail "the command ran"
