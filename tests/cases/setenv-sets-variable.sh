#!/bin/bash
# -E VAR=VALUE / --setenv=VAR=VALUE set variables in the command's environment (values may contain
# '=' and spaces, an empty value is kept, and the last setting of a name wins).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$'\n'$(run_uspawn -D "$T/root" -E A=1 --setenv=B="x=y z" -E EMPTY= -E A=2 env)$'\n'
assert_contains "$out" $'\nA=2\n' "A (last -E wins)"
assert_not_contains "$out" $'\nA=1\n' "A set twice"
assert_contains "$out" $'\nB=x=y z\n' "B"
assert_contains "$out" $'\nEMPTY=\n' "EMPTY"
# Also for a non-root user.
assert_eq "v" "$(run_uspawn -D "$T/root" -u nobody -E V=v sh -c 'echo "$V"')" "V as nobody"
