#!/bin/bash
# --restart-on-reboot: a guest that reboots is started again (a new PID 1, the same tree) instead
# of ending uspawn with 133; when it finally powers off, uspawn exits 0. Without --boot the
# option is refused with a clear error.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_bootable_busybox_rootfs "$T/root" \
	'n=$(($(cat /state/boots 2>/dev/null || echo 0) + 1)); echo $n >/state/boots; if [ $n -lt 3 ]; then reboot; else poweroff; fi'
st=0
timeout -k 2 60 "$USPAWN" -D "$T/root" --bind="$T/state:/state" -b --restart-on-reboot </dev/null >"$T/out" 2>&1 || st=$?
assert_eq 0 "$st" "exit status after two reboots and a power-off (output: $(cat "$T/out"))"
assert_eq 3 "$(cat "$T/state/boots")" "boots counted by the guest"
assert_eq 2 "$(grep -c 'rebooted; starting it again' "$T/out")" "restarts announced"

expect_error 1 "--restart-on-reboot without --boot" -- -q -D "$T/root" --restart-on-reboot true
assert_contains "$ERR" "--restart-on-reboot" "error names the option"
assert_contains "$ERR" "--boot" "error says what to add"
