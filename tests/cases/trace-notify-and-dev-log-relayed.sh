#!/bin/bash
# The trace backend speaks sd_notify as the userns backend does: READY=1 at start, STOPPING=1
# on SIGTERM, and with --notify-ready=yes the guest's own READY=1 (and STATUS=) sent to
# /run/host/notify -- a path-table row to uspawn's relay socket -- is passed on. /dev/log is
# uspawn's syslog relay the same way: a logger line comes out on stderr with the machine name.
# Neither socket's directory is left behind.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"

listen_notify 2
NOTIFY_SOCKET=$T/notify "$USPAWN" -q --backend=trace -D "$T/root" -M svc sleep 300 </dev/null &
upid=$!
for i in $(seq 50); do [ -n "$(sed -n 2p "$T/msgs")" ] && break; sleep 0.1; done
kill -TERM $upid
wait $upid || true
wait $lpid
assert_eq "READY=1|STATUS=Container svc running.|" "$(sed -n 2p "$T/msgs")" "readiness at start"
assert_eq "STOPPING=1|" "$(sed -n 3p "$T/msgs")" "the stop notice"

listen_notify 1
NOTIFY_SOCKET=$T/notify "$USPAWN" -q --backend=trace -D "$T/root" -M svc --notify-ready=yes sh -c \
	'test "$NOTIFY_SOCKET" = /run/host/notify || exit 9; probe send-dgram "$NOTIFY_SOCKET" "STATUS=warming up\nREADY=1"; sleep 0.2' </dev/null
wait $lpid
assert_eq "READY=1|STATUS=Container svc is ready.|STATUS=warming up|" "$(sed -n 2p "$T/msgs")" "readiness from the guest"
[ -z "$(ls -d "$T"/.run/uspawn-notify.* 2>/dev/null)" ] || fail "the relay's socket directory is left behind"

err=$("$USPAWN" -q --backend=trace -D "$T/root" -M web logger -t hello "world one" </dev/null 2>&1 >/dev/null)
grep -qE '^web: .*hello: world one$' <<<"$err" || fail "the syslog line not relayed: $err"
[ -z "$(ls -d "$T"/.run/uspawn-log.* 2>/dev/null)" ] || fail "the syslog socket's directory is left behind"
