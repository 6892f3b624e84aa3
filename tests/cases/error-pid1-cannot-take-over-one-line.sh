#!/bin/bash
# When PID 1, the stub init, cannot take over -- here it cannot give up its capabilities:
# `probe deny-syscall capset` makes capset fail for uspawn and everything it starts -- the
# command does not start. One line says so and names --as-pid2=no, which then does run the
# command (as PID 1, no stub init), uspawn exits non-zero, and no process is left. The same for
# the in-process stub (execveat refused too).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/signals.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/data"
run() { "$PROBE" deny-syscall "$1" -- "$USPAWN" -q --private-users=self --bind="$T/data:/data" -D "$T/root" \
	"${@:2}" </dev/null; }
for deny in capset capset,execveat; do
	set +e
	err=$(run "$deny" touch /data/ran 2>&1 >/dev/null)
	st=$?
	set -e
	[ "$st" -ne 0 ] || fail "uspawn exited 0 with PID 1 unable to take over ($deny refused)"
	assert_eq 1 "$(grep -c . <<<"$err")" "number of error lines ($deny refused; got: $err)"
	assert_contains "$err" "PID 1" "the error names PID 1"
	assert_contains "$err" "--as-pid2=no" "the error names the remedy"
	[ ! -e "$T/data/ran" ] || fail "the command ran although PID 1 did not take over ($deny refused)"
	no_process_left "uspawn-init" "a stub init ($deny refused)"
	run "$deny" --as-pid2=no touch /data/ran || fail "--as-pid2=no with $deny refused"
	[ -e "$T/data/ran" ] || fail "--as-pid2=no did not run the command ($deny refused)"
	rm -f "$T/data/ran"
done
