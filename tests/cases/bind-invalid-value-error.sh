#!/bin/bash
# Malformed --bind/--bind-ro values are uspawn's own errors: status 1, one "uspawn: " line quoting
# the value, nothing run. Relative SRC, relative DST, and an unknown option.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/host"
for v in "--bind=relative/src:/mnt" "--bind=$T/host:mnt/rel" "--bind-ro=$T/host:/mnt:bogusopt" \
	"--bind=$T/host:/mnt/../etc" "--bind="; do
	expect_error 1 "$v" -- -q -D "$T/root" "$v" sh -c 'echo ran'
done
