#!/bin/bash
# With the subordinate range, a file alice (1000:1000) creates inside belongs on the host to
# range start + 999 (container id N maps to start + N - 1), and reads back as 1000:1000 inside.
. "$(dirname "$0")/../lib/common.sh"

require_full_subordinate_range

make_busybox_rootfs "$T/root"
mkdir "$T/host"
chmod 0777 "$T/host"
out=$(run_uspawn -D "$T/root" --bind="$T/host:/mnt/h" -u alice sh -c 'touch /mnt/h/by-alice && stat -c %u:%g /mnt/h/by-alice')
assert_eq 1000:1000 "$out" "owner inside"
assert_eq "$((SUBUID_START + 999)):$((SUBGID_START + 999))" "$(stat -c %u:%g "$T/host/by-alice")" "owner on the host"
