#!/bin/bash
# -D pointing at a regular file: uspawn's own error, status 1, one stderr line naming the path.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

echo not a tree >"$T/afile"
expect_error 1 "-D a regular file" -- -q -D "$T/afile" /bin/true
assert_contains "$ERR" "$T/afile" "error names the path"
