#!/bin/bash
# The command's environment has container=uspawn and container_uuid=<uuid>, and the uuid differs
# from one run to the next.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
uuid_re='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
out=$(run_uspawn -D "$T/root" sh -c 'echo "$container"; echo "$container_uuid"')
assert_eq uspawn "$(sed -n 1p <<<"$out")" "container"
u1=$(sed -n 2p <<<"$out")
grep -qE "$uuid_re" <<<"$u1" || fail "container_uuid is not a uuid: '$u1'"
u2=$(run_uspawn -D "$T/root" sh -c 'echo "$container_uuid"')
grep -qE "$uuid_re" <<<"$u2" || fail "container_uuid is not a uuid: '$u2'"
[ "$u1" != "$u2" ] || fail "two runs got the same container_uuid $u1"
# Also with --as-pid2=no (the command is PID 1).
assert_eq uspawn "$(run_uspawn -D "$T/root" --as-pid2=no sh -c 'echo "$container"')" "container as PID 1"
