#!/bin/bash
# The shipped user unit uspawn@.service works as systemd would run it: its ExecStart (with
# @BINDIR@ and %i filled in) boots the named machine from $XDG_DATA_HOME/uspawn/machines,
# reports READY=1 on $NOTIFY_SOCKET (Type=notify), and on SIGTERM to the main process
# (KillMode=mixed) powers the guest off cleanly with exit 0; a reboot exits 133, which the unit
# lists in RestartForceExitStatus= and SuccessExitStatus=.
. "$(dirname "$0")/../lib/common.sh"

unit=$(dirname "$0")/../../src/units/uspawn@.service.in
exec_start=$(sed -n 's/^ExecStart=//p' "$unit" | sed "s|@BINDIR@|$(dirname "$USPAWN")|; s|%i|lenny|g")
grep -qx 'Type=notify' "$unit" || fail "the unit is not Type=notify"
grep -qx 'RestartForceExitStatus=133' "$unit" || fail "the unit does not restart on reboot (133)"
export XDG_DATA_HOME=$T/data XDG_RUNTIME_DIR=$T/run
mkdir -p "$XDG_DATA_HOME/uspawn/machines" && mkdir -m 0700 "$XDG_RUNTIME_DIR"
make_bootable_busybox_rootfs "$XDG_DATA_HOME/uspawn/machines/lenny" 'echo up >/state/booted'
# the unit cannot bind $T/state (no such option in it): the once action writes inside the tree
sed -i 's|/state/|/root/|g' "$XDG_DATA_HOME/uspawn/machines/lenny/etc/inittab"

"$PROBE" recv-dgram "$T/notify" 2 10000 >"$T/msgs" &
lpid=$!
for i in $(seq 50); do [ -S "$T/notify" ] && break; sleep 0.05; done
# shellcheck disable=SC2086 # ExecStart is a command line
NOTIFY_SOCKET=$T/notify $exec_start </dev/null >"$T/out" 2>&1 &
pid=$!
for i in $(seq 100); do [ -s "$XDG_DATA_HOME/uspawn/machines/lenny/root/booted" ] && break; sleep 0.1; done
[ -s "$XDG_DATA_HOME/uspawn/machines/lenny/root/booted" ] || { kill -9 $pid; fail "not booted: $(cat "$T/out")"; }
kill -TERM $pid
st=0
wait $pid || st=$?
wait $lpid
assert_eq 0 "$st" "exit status after SIGTERM (output: $(cat "$T/out"))"
assert_eq "READY=1|STATUS=Container lenny running.|" "$(sed -n 2p "$T/msgs")" "READY=1"
assert_eq "STOPPING=1|" "$(sed -n 3p "$T/msgs")" "STOPPING=1"
assert_eq yes "$(cat "$XDG_DATA_HOME/uspawn/machines/lenny/root/shutdown")" "the guest's shutdown action ran"
