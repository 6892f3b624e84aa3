#!/bin/bash
# --bind=SRC with no DST mounts SRC at the same path inside.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/samepath"
echo same >"$T/samepath/f"
assert_eq same "$(run_uspawn -D "$T/root" --bind="$T/samepath" cat "$T/samepath/f")" "--bind=SRC"
assert_eq same "$(run_uspawn -D "$T/root" --bind-ro="$T/samepath" cat "$T/samepath/f")" "--bind-ro=SRC"
