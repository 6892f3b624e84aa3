#!/bin/bash
# Where executing a memfd is refused (vm.memfd_noexec=2, or execveat missing: simulated here by
# making execveat fail with ENOSYS), PID 1 is the in-process stub: it still reaps orphans and
# forwards signals, and the host binary and environment behind it stay unreadable from inside.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
deny=("$PROBE" deny-syscall execveat --)
export USPAWN_CASE_SECRET=host-only
out=$("${deny[@]}" "$USPAWN" -q --private-users=self -D "$T/root" sh -c \
	'cat /proc/1/comm; probe read-file /proc/1/environ; probe zombie' </dev/null)
assert_eq "uspawn-init EACCES 0" "$(echo $out)" "PID 1's name, its environ, zombies left"

# signals reach the command through the fallback stub
"${deny[@]}" "$USPAWN" -q --private-users=self -D "$T/root" probe wait-signal </dev/null >"$T/out" 2>&1 &
pid=$!
for i in $(seq 50); do grep -q ready "$T/out" 2>/dev/null && break; sleep 0.1; done
kill -USR1 $pid
wait $pid || fail "uspawn exited $? after forwarding SIGUSR1"
assert_contains "$(cat "$T/out")" "got SIGUSR1" "the command's report"
