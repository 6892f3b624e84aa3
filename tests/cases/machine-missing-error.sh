#!/bin/bash
# -M NAME without -D, when $XDG_DATA_HOME/uspawn/machines/NAME does not exist: status 1 and one
# "uspawn: " line on stderr naming the machine; nothing on stdout.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

export XDG_DATA_HOME=$T/xdg
mkdir -p "$XDG_DATA_HOME/uspawn/machines"
expect_error 1 "-M ghost-machine" -- -M ghost-machine /bin/true
assert_contains "$ERR" "ghost-machine" "error names the machine"
