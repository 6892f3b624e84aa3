#!/bin/bash
# Without --method, clone takes the cheapest faithful method this filesystem allows (reflink
# where FICLONE works, else hard links) and says which in one line; the clone is complete.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"

make_clone_tree "$T/src"
echo probe >"$T/probe"
if cp --reflink=always "$T/probe" "$T/probe2" 2>/dev/null; then want=reflink; else want=hardlink; fi
"$USPAWNCTL" clone "$T/src" auto 2>"$T/err" || fail "clone: $(cat "$T/err")"
echo "on $(stat -f -c %T "$T"): $(grep Cloned "$T/err")"
assert_eq 1 "$(grep -c '^Cloned .* method ' "$T/err")" "one line says the method"
assert_contains "$(cat "$T/err")" "method $want" "method on $(stat -f -c %T "$T")"
assert_same_tree "$T/src" "$MACHINES/auto" "auto clone" nolinks
