#!/bin/bash
# `uspawnctl kill NAME --signal=SIG` sends SIG to the machine's leader (PID 1): a `probe
# wait-signal` running as PID 1 (--as-pid2=no) reports it; without --signal it is SIGTERM.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/machines.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_busybox_rootfs "$T/root"
for how in "--signal=USR1:USR1" "-s SIGUSR2:USR2" ":TERM"; do
	rm -f "$T/k.out"
	start_machine k -D "$T/root" --as-pid2=no probe wait-signal
	wait_ready "$T/k.out"
	# shellcheck disable=SC2086 # the option is one or two words
	"$USPAWNCTL" kill k ${how%:*}
	wait_exit "$PID" 5
	assert_eq "ready
got SIG${how#*:}" "$(cat "$T/k.out")" "what PID 1 got from kill ${how%:*}"
	assert_eq 0 "$ST" "uspawn's status"
done
st=0
"$USPAWNCTL" kill k --signal=NOPE 2>"$T/err" || st=$?
assert_eq 1 "$st" "bad --signal"
assert_contains "$(cat "$T/err")" "--signal=NOPE" "bad --signal names the value"
