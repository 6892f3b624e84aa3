#!/bin/bash
# A nonexistent -D is uspawn's own error: status 1 and exactly one stderr line, "uspawn: ...",
# that names the path.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

missing=$T/no-such-rootfs
expect_error 1 "-D a missing tree" -- -D "$missing" /bin/true
assert_contains "$ERR" "$missing" "error names the path"
