#!/bin/bash
# The trace backend gives the guest the same /run/host as the userns backend: container-manager,
# container-uuid equal to the command's $container_uuid, the host's os-release, read-only.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
"$USPAWN" -q --backend=trace -D "$T/root" sh -c '
	cat /run/host/container-manager /run/host/container-uuid
	echo "$container_uuid"
	if echo x >/run/host/container-manager 2>/dev/null; then echo writable; else echo read-only; fi
	cat /run/host/os-release' </dev/null >"$T/out" 2>"$T/err" || fail "the command failed: $(cat "$T/err")"
mapfile -t line <"$T/out"
assert_eq uspawn "${line[0]}" "container-manager"
[[ ${line[1]} =~ ^[0-9a-f]{8}-[0-9a-f]{4}- ]] || fail "container-uuid is not a UUID: '${line[1]}'"
assert_eq "${line[2]}" "${line[1]}" "container-uuid agrees with \$container_uuid"
assert_eq read-only "${line[3]}" "the guest cannot change /run/host"
assert_eq "$(cat /etc/os-release)" "$(tail -n +5 "$T/out")" "/run/host/os-release is the host's"
