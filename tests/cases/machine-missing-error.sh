#!/bin/bash
# -M NAME without -D, when $XDG_DATA_HOME/uspawn/machines/NAME does not exist: status 1 and one
# "uspawn: " line on stderr naming the machine; nothing on stdout.
. "$(dirname "$0")/../lib/common.sh"

export XDG_DATA_HOME=$T/xdg
mkdir -p "$XDG_DATA_HOME/uspawn/machines"
st=0
"$USPAWN" -M ghost-machine /bin/true </dev/null >"$T/out" 2>"$T/err" || st=$?
assert_eq 1 "$st" "exit status"
assert_eq "" "$(cat "$T/out")" "stdout"
assert_eq 1 "$(wc -l <"$T/err")" "number of stderr lines"
err=$(cat "$T/err")
case $err in "uspawn: "*) ;; *) fail "error does not start with 'uspawn: ': $err" ;; esac
assert_contains "$err" "ghost-machine" "error names the machine"
