#!/bin/bash
# --vsyscall=auto (the default) traces only when the host's kernel has no vsyscall page; on a
# host whose kernel emulates it (xonly, emulate), and always with --vsyscall=native, nothing is
# traced and old binaries use the kernel's page. Forcing emulate there changes nothing for the
# real page: the kernel answers it before any signal.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"

make_vsys_rootfs "$T/root"
mode=$("$USPAWNCTL" check --json 2>/dev/null | jq -r .vsyscall_mode 2>/dev/null || true)
[ -n "$mode" ] || mode=$(grep -qF '[vsyscall]' /proc/self/maps && echo present || echo none)
for choice in auto native; do
	out=$(USPAWN_LOG_LEVEL=debug "$USPAWN" -q -M "vsys-$$-$choice" -D "$T/root" --vsyscall=$choice \
		true </dev/null 2>&1) || fail "--vsyscall=$choice run: $out"
	if [ "$choice" = auto ] && [ "$mode" = none ]; then
		assert_contains "$out" "vsyscall: emulating the page" "auto on a host without the page"
	else
		assert_not_contains "$out" "vsyscall:" "--vsyscall=$choice on a $mode host: no engine"
	fi
done
[ "$mode" = none ] && skip "this kernel has no vsyscall page: the real-page run below needs one"
out=$(USPAWN_LOG_LEVEL=debug "$USPAWN" -q -M "vsys-$$-real" -D "$T/root" --vsyscall=emulate vsys check \
	</dev/null 2>&1) || fail "real page under --vsyscall=emulate: $out"
assert_contains "$out" "vsys: OK" "the kernel's page answered"
assert_contains "$out" "0 calls emulated" "the engine never had to"
