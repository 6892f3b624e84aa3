#!/bin/bash
# --help prints the usage on stdout listing the options (--directory, --bind, --user...) and exits 0.
. "$(dirname "$0")/../lib/common.sh"

st=0
out=$("$USPAWN" --help </dev/null 2>"$T/err") || st=$?
assert_eq 0 "$st" "exit status"
for o in --directory --machine --user --bind --tmpfs --read-only --private-network --setenv --dry-run; do
	assert_contains "$out" "$o" "--help output"
done
assert_eq "" "$(cat "$T/err")" "stderr"
