#!/bin/bash
# The tracer under load: tests/stress/stress.c in the bookworm tree (dynamic /bin/true and
# /bin/sh, so every exec goes through uspawn-loader), 16 threads x 300 rounds, each round one
# child of seven kinds (exec, a shell's exit status, a shell killing itself, a child killed
# before it execs, posix_spawn, an exec from a second thread, a child killed while it forks) and
# a queued real-time signal to another thread. Passes only when every child's status is the
# expected one, every signal arrived, every orphan was reaped with status 0 (a tracee left
# stopped hangs the run: the runner's timeout fails it) and uspawn exits 0; the same run under
# the userns backend is the control. Counted, not timed (8 s under the tracer and 6 s under
# userns on two cores at load 8; up to twice that when the machine is busier).
. "$(dirname "$0")/../lib/common.sh"

stress=$BUILD/tests/stress
[ -x "$stress" ] || fail "$stress not built (make $stress)"
tree=$(bookworm_rootfs)
want="stress: ok 16 threads x 300 rounds: 4800 children, 4800 signals"
out=$(run_uspawn --backend=trace -D "$tree" --read-only --bind-ro="$stress:/usr/local/bin/stress" stress 16 300)
assert_eq "$want" "$out" "under the trace backend"
out=$(run_uspawn --backend=trace --emulate-ids=no -D "$tree" --read-only --bind-ro="$stress:/usr/local/bin/stress" stress 8 100)
assert_eq "stress: ok 8 threads x 100 rounds: 800 children, 800 signals" "$out" "without fake root"
if [ -z "${USPAWN_SIMULATE:-}" ]; then # the control would run under the same wrapper
	out=$(run_uspawn --backend=userns -D "$tree" --read-only --bind-ro="$stress:/usr/local/bin/stress" stress 16 300)
	assert_eq "$want" "$out" "under the userns backend (control)"
fi
