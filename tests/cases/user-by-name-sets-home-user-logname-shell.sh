#!/bin/bash
# -u alice sets HOME, USER, LOGNAME and SHELL from alice's guest /etc/passwd entry.
. "$(dirname "$0")/../lib/common.sh"

# -u with a non-root user needs the subordinate range.
require_subordinate_range

make_busybox_rootfs "$T/root"
sed -i 's|^alice:.*|alice:x:1000:1000:Alice:/home/alice:/bin/ash|' "$T/root/etc/passwd"
out=$(HOME=/host-home USER=hostuser LOGNAME=hostuser SHELL=/bin/bash \
	run_uspawn -D "$T/root" -u alice sh -c 'echo "$HOME|$USER|$LOGNAME|$SHELL"')
assert_eq "/home/alice|alice|alice|/bin/ash" "$out" "HOME|USER|LOGNAME|SHELL"
