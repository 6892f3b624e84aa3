#!/bin/bash
# --tmpfs with a relative path (or one with "..") is uspawn's own error: status 1, one "uspawn: "
# line, nothing run.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
for v in rel/dir /a/../../b ""; do
	st=0
	"$USPAWN" -q -D "$T/root" "--tmpfs=$v" sh -c 'echo ran' </dev/null >"$T/out" 2>"$T/err" || st=$?
	assert_eq 1 "$st" "exit status for --tmpfs=$v"
	assert_eq "" "$(cat "$T/out")" "stdout for --tmpfs=$v (must not run)"
	assert_eq 1 "$(wc -l <"$T/err")" "number of stderr lines for --tmpfs=$v"
	case $(cat "$T/err") in "uspawn: "*) ;; *) fail "error for --tmpfs=$v: $(cat "$T/err")" ;; esac
done
