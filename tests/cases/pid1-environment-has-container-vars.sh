#!/bin/bash
# PID 1 (the stub init) has container=uspawn and container_uuid=<uuid> in its own environment
# (/proc/1/environ, what systemd's detect-virt reads), the same uuid the command gets, and none of
# uspawn's host environment. (nspawn's PID 1 is exec'd with that environment; systemd-detect-virt
# and other tools inside read it. Unreadable or missing fails the case.)
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
export USPAWN_CASE_SECRET=host-only
out=$(run_uspawn -D "$T/root" sh -c 'echo "cmd_uuid=$container_uuid"; tr "\0" "\n" </proc/1/environ 2>&1 || echo "(unreadable)"')
env1=$(sed 1d <<<"$out")
assert_contains "$env1" "container=uspawn" "PID 1's environment"
u=$(sed -n 's/^container_uuid=//p' <<<"$env1")
grep -qE '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' <<<"$u" ||
	fail "PID 1's container_uuid is not a uuid: '$u'"
assert_eq "cmd_uuid=$u" "$(sed -n 1p <<<"$out")" "the command's container_uuid vs PID 1's"
assert_not_contains "$env1" "USPAWN_CASE_SECRET" "PID 1's environment"
