#!/bin/bash
# /dev/log inside is a socket served by uspawn: a line logged with syslog(3) (BusyBox logger)
# comes out on uspawn's stderr prefixed with the machine name, or in --log-file, with no
# syslog daemon in the tree; the socket's host-side directory is gone afterwards.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
export XDG_RUNTIME_DIR=$T/run
mkdir -m 0700 "$XDG_RUNTIME_DIR"
err=$("$USPAWN" -q -D "$T/root" -M web sh -c 'logger -t hello "world one"; logger -p daemon.err -t app second' </dev/null 2>&1 >/dev/null)
grep -qE '^web: .*hello: world one$' <<<"$err" || fail "first message not relayed: $err"
grep -qE '^web: .*app: second$' <<<"$err" || fail "second message not relayed: $err"
assert_eq "" "$(ls -A "$XDG_RUNTIME_DIR" | grep -vx uspawn)" "what the socket left in \$XDG_RUNTIME_DIR"

err=$("$USPAWN" -q -D "$T/root" -M web --log-file="$T/syslog" logger -t hello to-file </dev/null 2>&1 >/dev/null)
assert_eq "" "$err" "stderr with --log-file"
grep -qE '^web: .*hello: to-file$' "$T/syslog" || fail "message not in --log-file: $(cat "$T/syslog")"

. "$(dirname "$0")/../lib/expect-error.sh"
expect_error 1 "unwritable --log-file" -- -q -D "$T/root" --log-file=/proc/nope/log /bin/true
assert_contains "$ERR" "--log-file=/proc/nope/log" "error names the file"
