#!/bin/bash
# A malformed --overlay is one line naming the option, the value and what was expected, exit 1,
# and nothing is created.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
for bad in "/only-one" "relative:/up:/dst" "/a:/b:relative-dest" "/a:/b/../c:/dst" "/a:/:/dst"; do
	st=0
	err=$("$USPAWN" -D "$T/root" --overlay="$bad" true 2>&1 </dev/null) || st=$?
	assert_eq 1 "$st" "exit status for '$bad'"
	assert_eq 1 "$(wc -l <<<"$err")" "lines of the message for '$bad': $err"
	assert_contains "$err" "--overlay" "message for '$bad'"
	assert_contains "$err" "$bad" "message for '$bad'"
done
st=0
err=$("$USPAWN" -D "$T/root" --overlay="$T/missing:$T/up:/dst" true 2>&1 </dev/null) || st=$?
assert_eq 1 "$st" "exit status for a missing lower"
assert_contains "$err" "$T/missing" "message for a missing lower"
