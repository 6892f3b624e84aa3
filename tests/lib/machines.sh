# tests/lib/machines.sh — sourced after common.sh by uspawnctl cases that need running machines.
# Each case gets its own registry ($T/run), so machines of parallel runs never mix.

XDG_RUNTIME_DIR=$T/run
export XDG_RUNTIME_DIR
mkdir -p -m700 "$XDG_RUNTIME_DIR"

# start_machine NAME USPAWN-ARGS...: start "$USPAWN -q -M NAME ARGS" in the background (stdin
# /dev/null, stdout+stderr to $T/NAME.out), set PID to uspawn's pid, and wait (10 s at most)
# until `uspawnctl status NAME` knows the machine.
start_machine() {
	local name=$1 i
	shift
	"$USPAWN" -q -M "$name" "$@" </dev/null >"$T/$name.out" 2>&1 &
	PID=$!
	_machine_pids="${_machine_pids:-} $PID"
	_machine_names="${_machine_names:-} $name"
	for i in $(seq 100); do
		"$USPAWNCTL" status "$name" >/dev/null 2>&1 && return 0
		kill -0 "$PID" 2>/dev/null || fail "uspawn for $name exited early: $(cat "$T/$name.out")"
		sleep 0.1
	done
	fail "machine $name not registered within 10 s; output: $(cat "$T/$name.out")"
}

# Machines still running when the case ends are terminated (terminate returns once the whole
# PID namespace is gone, so the runner finds nothing left), then the earlier EXIT trap runs.
_machines_prev_exit=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
_machines_cleanup() {
	local n p
	for n in ${_machine_names:-}; do "$USPAWNCTL" terminate "$n" >/dev/null 2>&1 || true; done
	for p in ${_machine_pids:-}; do
		kill -KILL "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	eval "${_machines_prev_exit:-}"
}
trap _machines_cleanup EXIT
