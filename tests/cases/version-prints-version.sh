#!/bin/bash
# --version prints "uspawn 0.1.0" (first line) on stdout and exits 0, without needing a tree.
. "$(dirname "$0")/../lib/common.sh"

st=0
out=$(cd "$T" && "$USPAWN" --version </dev/null) || st=$?
assert_eq 0 "$st" "exit status"
assert_eq "uspawn 0.1.0" "$(head -n1 <<<"$out")" "--version"
