#!/bin/bash
# A bad value in a settings file is one error naming the file, the line and the key; nothing
# runs and nothing is left behind.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/box"
export XDG_CONFIG_HOME=$T/config
printf '[Exec]\nKillSignal=SIGFOO\n' >"$T/box.nspawn"
expect_error 1 "bad KillSignal=" -- -q -D "$T/box" touch /ran
assert_contains "$ERR" "$T/box.nspawn:2: Invalid KillSignal= value 'SIGFOO'" "error names file, line, key"
[ ! -e "$T/box/ran" ] || fail "the command ran"
printf 'Bind=/x\n' >"$T/box.nspawn"
expect_error 1 "key outside a section" -- -q -D "$T/box" /bin/true
assert_contains "$ERR" "box.nspawn:1: Expected Key=Value inside a [Section]" "error names the line"
