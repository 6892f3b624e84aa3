#!/bin/bash
# The trace backend says which way calls reach it (USPAWN_LOG_LEVEL=debug), and takes the best
# the host offers: seccomp user notification with ADDFD where `uspawnctl check` finds both, the
# RET_TRACE stops alone under `probe hide-notify` (make check-trace-fallbacks), plain ptrace
# under `probe hide-seccomp`. The same command gives the same answer on each path.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
echo guest-marker >"$T/root/marker"
err=$(USPAWN_LOG_LEVEL=debug "$USPAWN" --backend=trace -D "$T/root" cat /marker 2>&1 >"$T/out" </dev/null) ||
	fail "uspawn failed: $err"
assert_eq guest-marker "$(cat "$T/out")" "the guest's file"
line=$(grep 'trace: notify listener:' <<<"$err") || fail "no 'trace: notify listener' line in: $err"
# what the host itself offers, asked without any wrapper
host=$("$BUILD/uspawnctl" check 2>&1)
case " ${USPAWN_SIMULATE:-} " in
*" hide-seccomp "*)
	assert_contains "$line" "notify listener: no (no seccomp filters); plain ptrace" "plain ptrace under hide-seccomp" ;;
*" hide-notify "*)
	assert_contains "$line" "notify listener: no" "no listener under hide-notify"
	assert_contains "$line" "every translated call stops with SECCOMP_RET_TRACE" "RET_TRACE stops under hide-notify" ;;
*)
	if grep -q 'seccomp user-notify *yes' <<<"$host" && grep -q 'seccomp ADDFD *yes' <<<"$host"; then
		assert_contains "$line" "notify listener: yes" "the listener where the host has notify and ADDFD"
		n=$(sed -n 's/.*trace: \([0-9]*\) calls answered from notifications.*/\1/p' <<<"$err")
		[ "${n:-0}" -gt 0 ] || fail "no call answered from a notification: $err"
	else
		assert_contains "$line" "notify listener: no" "no listener where the host lacks notify or ADDFD"
	fi ;;
esac
