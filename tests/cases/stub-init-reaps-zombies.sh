#!/bin/bash
# The stub init (PID 1 by default) reaps orphans: `probe zombie` orphans a grandchild and counts
# zombies half a second after it exits -> 0. Control: when the probe itself is PID 1
# (--as-pid2=no) nobody reaps the orphan, and the probe sees it (1), so the check can fail.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
assert_eq 0 "$(run_uspawn -D "$T/root" probe zombie)" "zombies under the stub init"
assert_eq 1 "$(run_uspawn -D "$T/root" --as-pid2=no probe zombie)" "zombies with the probe as PID 1 (control)"
