#!/bin/bash
# A booted system that reboots ends uspawn with status 133, as systemd-nspawn does (so a
# service manager can restart it); one that powers off or halts ends it with 0.
. "$(dirname "$0")/../lib/common.sh"

for how in reboot:133 poweroff:0 halt:0; do
	make_bootable_busybox_rootfs "$T/root-${how%:*}" "sleep 0.2; ${how%:*}"
	st=0
	timeout -k 2 30 "$USPAWN" -q -D "$T/root-${how%:*}" --bind="$T/state:/state" -b </dev/null >"$T/out" 2>&1 || st=$?
	assert_eq "${how#*:}" "$st" "exit status after ${how%:*} (output: $(cat "$T/out"))"
	assert_eq yes "$(cat "$T/state/shutdown" 2>/dev/null)" "${how%:*}: the shutdown action ran"
	rm -f "$T/state/shutdown"
done
