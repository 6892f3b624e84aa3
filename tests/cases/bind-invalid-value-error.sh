#!/bin/bash
# Malformed --bind/--bind-ro values are uspawn's own errors: status 1, one "uspawn: " line quoting
# the value, nothing run. Relative SRC, relative DST, and an unknown option.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/host"
for v in "--bind=relative/src:/mnt" "--bind=$T/host:mnt/rel" "--bind-ro=$T/host:/mnt:bogusopt" \
	"--bind=$T/host:/mnt/../etc" "--bind="; do
	st=0
	"$USPAWN" -q -D "$T/root" "$v" sh -c 'echo ran' </dev/null >"$T/out" 2>"$T/err" || st=$?
	assert_eq 1 "$st" "exit status for $v"
	assert_eq "" "$(cat "$T/out")" "stdout for $v (must not run)"
	assert_eq 1 "$(wc -l <"$T/err")" "number of stderr lines for $v"
	err=$(cat "$T/err")
	case $err in "uspawn: "*) ;; *) fail "error for $v does not start with 'uspawn: ': $err" ;; esac
done
