#!/bin/bash
# -M with a name that is not a plain machine name ("../x", "a/b", empty) is refused before any
# lookup: status 1, one "uspawn: " line, nothing run -- so -M cannot reach outside
# $XDG_DATA_HOME/uspawn/machines.
. "$(dirname "$0")/../lib/common.sh"

export XDG_DATA_HOME=$T/xdg
mkdir -p "$XDG_DATA_HOME/uspawn/machines/inside"
make_busybox_rootfs "$T/outside"
for name in ../../../outside "inside/../../../../outside" "a/b" ""; do
	st=0
	"$USPAWN" -q -M "$name" sh -c 'echo ran' </dev/null >"$T/out" 2>"$T/err" || st=$?
	assert_eq 1 "$st" "exit status for -M '$name'"
	assert_eq "" "$(cat "$T/out")" "stdout for -M '$name' (must not run)"
	assert_eq 1 "$(wc -l <"$T/err")" "number of stderr lines for -M '$name'"
	case $(cat "$T/err") in "uspawn: "*) ;; *) fail "error for -M '$name': $(cat "$T/err")" ;; esac
done
