# tests/lib/signals.sh — sourced after common.sh by cases that signal a running uspawn.

# wait_ready FILE: wait (5 s at most) until FILE has a line "ready".
wait_ready() {
	local i
	for i in $(seq 50); do
		grep -qx ready "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	fail "no 'ready' from the command within 5 s; output: $(cat "$1" 2>/dev/null)"
}

# start_waiting OUT USPAWN-ARGS...: start "$USPAWN -q ARGS probe wait-signal" in the background
# (stdout+stderr to OUT), set PID to uspawn's pid, and wait until the probe has blocked signals.
start_waiting() {
	local out=$1
	shift
	: >"$out"
	"$USPAWN" -q "$@" probe wait-signal </dev/null >"$out" 2>&1 &
	PID=$!
	wait_ready "$out"
}

# wait_exit PID SECONDS: set ST to PID's exit status once it exits; SIGKILL it and fail if it
# takes longer than SECONDS. PID must be a child of this shell (so not inside $(...)).
wait_exit() {
	local pid=$1 n=$(($2 * 20)) i
	ST=0
	for ((i = 0; i < n; i++)); do
		if ! kill -0 "$pid" 2>/dev/null; then
			wait "$pid" || ST=$?
			return 0
		fi
		sleep 0.05
	done
	kill -KILL "$pid" 2>/dev/null || true
	fail "uspawn (pid $pid) still running after $2 s"
}

# no_process_left REGEX WHAT: within 2 s no process of ours has a command line matching REGEX.
no_process_left() {
	local i left
	for i in $(seq 20); do
		left=$(pgrep -u "$(id -u)" -f -- "$1" || true)
		[ -z "$left" ] && return 0
		sleep 0.1
	done
	fail "$2: still running after 2 s: $(ps -o pid=,args= -p "$(echo $left | tr ' ' ,)")"
}
