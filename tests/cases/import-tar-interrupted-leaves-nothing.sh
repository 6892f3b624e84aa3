#!/bin/bash
# SIGTERM or SIGINT during an import (here: blocked on a stalled pipe halfway) removes the
# unfinished tree: nothing appears under the final name, no temporary is left.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

make_image_tree "$T/tree"
tar_as_root "$T/full.tar" "$T/tree"
for sig in TERM INT; do
	mkfifo "$T/pipe"
	"$USPAWNCTL" import-tar - stalled <"$T/pipe" 2>"$T/err" &
	pid=$!
	exec 3>"$T/pipe"
	head -c 1000000 "$T/full.tar" >&3
	for i in $(seq 100); do
		ls -A "$MACHINES" 2>/dev/null | grep -q '^\.#import-stalled' && break
		sleep 0.05
	done
	ls -A "$MACHINES" | grep -q '^\.#import-stalled' || fail "no temporary tree while importing"
	sleep 0.2
	kill -"$sig" "$pid"
	st=0
	wait "$pid" || st=$?
	exec 3>&-
	rm -f "$T/pipe"
	assert_eq 1 "$st" "SIG$sig: exit status ($(cat "$T/err"))"
	assert_contains "$(cat "$T/err")" "Interrupted" "SIG$sig: the message"
	assert_no_machine stalled "SIG$sig"
done
