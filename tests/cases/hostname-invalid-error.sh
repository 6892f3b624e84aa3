#!/bin/bash
# --hostname with an invalid host name (a space, a '/', 65+ characters) is refused: status 1, one
# "uspawn: " line quoting it, nothing run.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
long=$(printf 'x%.0s' $(seq 70))
for h in "bad name" "a/b" "$long"; do
	st=0
	"$USPAWN" -q -D "$T/root" "--hostname=$h" sh -c 'echo ran' </dev/null >"$T/out" 2>"$T/err" || st=$?
	assert_eq 1 "$st" "exit status for --hostname='$h'"
	assert_eq "" "$(cat "$T/out")" "stdout for --hostname='$h' (must not run)"
	assert_eq 1 "$(wc -l <"$T/err")" "number of stderr lines for --hostname='$h'"
	err=$(cat "$T/err")
	case $err in "uspawn: "*) ;; *) fail "error for --hostname='$h': $err" ;; esac
	assert_contains "$err" "$h" "error quotes the value"
done
