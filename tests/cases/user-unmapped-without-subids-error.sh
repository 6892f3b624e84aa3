#!/bin/bash
# run-as: nosub
# Without a subordinate range only root is mapped, so -u alice (uid 1000) cannot work: status 1,
# the command does not run, and one "uspawn: " line saying the user is not mapped and how to fix
# it (a range in /etc/subuid + /etc/subgid).
. "$(dirname "$0")/../lib/common.sh"

u=$(id -un)
if grep -qE "^($u|$(id -u)):" /etc/subuid 2>/dev/null; then
	skip "$u has a subordinate id range; this case needs a user without one (run-as: nosub)"
fi

make_busybox_rootfs "$T/root"
st=0
"$USPAWN" -q -D "$T/root" -u alice sh -c 'echo ran' </dev/null >"$T/out" 2>"$T/err" || st=$?
assert_eq 1 "$st" "exit status"
assert_eq "" "$(cat "$T/out")" "stdout (the command must not run)"
assert_eq 1 "$(wc -l <"$T/err")" "number of stderr lines"
err=$(cat "$T/err")
case $err in "uspawn: "*) ;; *) fail "error does not start with 'uspawn: ': $err" ;; esac
assert_contains "$err" "alice" "error names the user"
assert_contains "$err" "not mapped" "error says why"
assert_contains "$err" "/etc/subuid" "error gives the remedy"
