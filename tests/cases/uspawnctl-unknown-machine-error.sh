#!/bin/bash
# A verb on a machine that does not run is one line naming it and `uspawnctl list`, status 1.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/machines.sh"

for verb in status shell kill poweroff reboot terminate; do
	st=0
	"$USPAWNCTL" "$verb" nosuch </dev/null >"$T/out" 2>"$T/err" || st=$?
	assert_eq 1 "$st" "$verb: exit status"
	assert_eq "" "$(cat "$T/out")" "$verb: stdout"
	assert_eq "uspawnctl: No machine 'nosuch' is running; see uspawnctl list" "$(cat "$T/err")" "$verb: error"
done
assert_status 1 "status without a name" -- "$USPAWNCTL" status 2>"$T/err"
assert_eq 1 "$(wc -l <"$T/err")" "lines for a missing name"
