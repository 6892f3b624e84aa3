#!/bin/bash
# With the subordinate range, a file alice (1000:1000) creates inside belongs on the host to
# range start + 999 (container id N maps to start + N - 1), and reads back as 1000:1000 inside.
. "$(dirname "$0")/../lib/common.sh"

u=$(id -un)
grep -qE "^($u|$(id -u)):" /etc/subuid && grep -qE "^($u|$(id -g)):" /etc/subgid ||
	skip "$u has no subordinate id range in /etc/subuid and /etc/subgid"
command -v newuidmap >/dev/null || skip "newuidmap is not installed (uidmap)"
su=$(awk -F: -v u="$u" -v n="$(id -u)" '($1 == u || $1 == n) && $3 >= 65535 { print $2; exit }' /etc/subuid)
sg=$(awk -F: -v u="$u" -v n="$(id -g)" '($1 == u || $1 == n) && $3 >= 65535 { print $2; exit }' /etc/subgid)
[ -n "$su" ] && [ -n "$sg" ] || skip "the subordinate range of $u is smaller than 65535 ids"

make_busybox_rootfs "$T/root"
mkdir "$T/host"
chmod 0777 "$T/host"
out=$(run_uspawn -D "$T/root" --bind="$T/host:/mnt/h" -u alice sh -c 'touch /mnt/h/by-alice && stat -c %u:%g /mnt/h/by-alice')
assert_eq 1000:1000 "$out" "owner inside"
assert_eq "$((su + 999)):$((sg + 999))" "$(stat -c %u:%g "$T/host/by-alice")" "owner on the host"
