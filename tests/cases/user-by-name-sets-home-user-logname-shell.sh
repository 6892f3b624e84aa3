#!/bin/bash
# -u alice sets HOME, USER, LOGNAME and SHELL from alice's guest /etc/passwd entry.
. "$(dirname "$0")/../lib/common.sh"

# -u with a non-root user needs the subordinate range (the runner gives uspawn-test one).
u=$(id -un)
grep -qE "^($u|$(id -u)):" /etc/subuid && grep -qE "^($u|$(id -g)):" /etc/subgid ||
	skip "$u has no subordinate id range in /etc/subuid and /etc/subgid"
command -v newuidmap >/dev/null || skip "newuidmap is not installed (uidmap)"

make_busybox_rootfs "$T/root"
sed -i 's|^alice:.*|alice:x:1000:1000:Alice:/home/alice:/bin/ash|' "$T/root/etc/passwd"
out=$(HOME=/host-home USER=hostuser LOGNAME=hostuser SHELL=/bin/bash \
	run_uspawn -D "$T/root" -u alice sh -c 'echo "$HOME|$USER|$LOGNAME|$SHELL"')
assert_eq "/home/alice|alice|alice|/bin/ash" "$out" "HOME|USER|LOGNAME|SHELL"
