#!/bin/bash
# /run/host follows systemd's Container Interface: container-manager says uspawn,
# container-uuid matches PID 1's $container_uuid, os-release is the host's, inaccessible/ holds
# mode-0000 nodes, and the guest cannot change any of it (read-only).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
"$USPAWN" -q -D "$T/root" sh -c '
	cat /run/host/container-manager
	cat /run/host/container-uuid
	tr "\0" "\n" </proc/1/environ | sed -n "s/^container_uuid=//p"
	stat -c "%a %F" /run/host/inaccessible/reg /run/host/inaccessible/dir /run/host/inaccessible/fifo
	if echo x >/run/host/container-manager 2>/dev/null || mkdir /run/host/new 2>/dev/null; then echo writable; else echo read-only; fi
	cat /run/host/os-release' </dev/null >"$T/out" 2>"$T/err" || fail "the command failed: $(cat "$T/err")"
mapfile -t line <"$T/out"
assert_eq uspawn "${line[0]}" "container-manager"
[[ ${line[1]} =~ ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$ ]] || fail "container-uuid is not a UUID: '${line[1]}'"
assert_eq "${line[2]}" "${line[1]}" "container-uuid agrees with PID 1's container_uuid"
assert_eq "0 regular empty file" "${line[3]}" "inaccessible/reg"
assert_eq "0 directory" "${line[4]}" "inaccessible/dir"
assert_eq "0 fifo" "${line[5]}" "inaccessible/fifo"
assert_eq read-only "${line[6]}" "the guest cannot change /run/host"
assert_eq "$(cat /etc/os-release)" "$(tail -n +8 "$T/out")" "/run/host/os-release is the host's"
