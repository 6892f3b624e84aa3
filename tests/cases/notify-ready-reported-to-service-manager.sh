#!/bin/bash
# Run as a Type=notify service, uspawn tells its manager on $NOTIFY_SOCKET: READY=1 once the
# container's command (or init) has started, STOPPING=1 when asked to stop; with
# --notify-ready=yes READY=1 waits for the guest's own READY=1 on /run/host/notify, whose
# STATUS= is passed on too.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"

listen_notify 1
NOTIFY_SOCKET=$T/notify "$USPAWN" -q -D "$T/root" -M svc true </dev/null
wait $lpid
assert_eq "READY=1|STATUS=Container svc running.|" "$(sed -n 2p "$T/msgs")" "readiness at start"

listen_notify 2
NOTIFY_SOCKET=$T/notify "$USPAWN" -q -D "$T/root" -M svc sleep 300 </dev/null &
upid=$!
for i in $(seq 50); do [ -n "$(sed -n 2p "$T/msgs")" ] && break; sleep 0.1; done
kill -TERM $upid
wait $upid || true
wait $lpid
assert_eq "STOPPING=1|" "$(sed -n 3p "$T/msgs")" "the stop notice"

listen_notify 1
NOTIFY_SOCKET=$T/notify "$USPAWN" -q -D "$T/root" -M svc --notify-ready=yes sh -c \
	'test "$NOTIFY_SOCKET" = /run/host/notify || exit 9; probe send-dgram "$NOTIFY_SOCKET" "STATUS=warming up\nREADY=1"; sleep 0.2' </dev/null
wait $lpid
assert_eq "READY=1|STATUS=Container svc is ready.|STATUS=warming up|" "$(sed -n 2p "$T/msgs")" "readiness from the guest"
