#!/bin/bash
# Under the trace backend's fake root, each chown is recorded through a descriptor uspawn opens
# and closes: 200 chowns with uspawn's own limit at 64 open files all succeed (a leak once made
# tar's extraction fail with EMFILE after ~1,000 files).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$(ulimit -n 64 && run_uspawn --backend=trace -D "$T/root" sh -c '
	i=0; while [ $i -lt 200 ]; do touch /tmp/f$i && chown 1:1 /tmp/f$i || exit 1; i=$((i+1)); done
	stat -c %u:%g /tmp/f199' 2>&1) || fail "chown failed: $out"
assert_eq 1:1 "$out" "the last file's recorded owner"
