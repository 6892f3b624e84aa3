# tests/lib/expect-error.sh — sourced after common.sh by cases that check one of uspawn's errors.
#
# expect_error STATUS WHAT -- ARGS...   runs "$USPAWN ARGS..." with stdin /dev/null and checks:
#   the exit status is STATUS, stdout is empty, stderr is exactly one line starting "uspawn: ",
#   and nothing is left behind: no process naming the case dir ($T) in its argv, and the same
#   number of mounts in our mount namespace as before. The line is left in $ERR for the caller's
#   assert_contains checks (the object it names).
expect_error() {
	local want=$1 what=$2 st=0 m0 m1 left i
	shift 2
	[ "${1:-}" = -- ] && shift
	m0=$(wc -l </proc/self/mountinfo)
	timeout -k 2 20 "$USPAWN" "$@" </dev/null >"$T/.expect-out" 2>"$T/.expect-err" || st=$?
	ERR=$(cat "$T/.expect-err")
	[ "$st" = "$want" ] || fail "$what: expected exit status $want, got $st; stderr: $ERR"
	assert_eq "" "$(cat "$T/.expect-out")" "$what: stdout"
	assert_eq 1 "$(wc -l <"$T/.expect-err")" "$what: number of stderr lines (stderr: $ERR)"
	case $ERR in "uspawn: "*) ;; *) fail "$what: error does not start with 'uspawn: ': $ERR" ;; esac
	# Teardown may be asynchronous (PDEATHSIG): give it a second.
	for i in 1 2 3 4 5 6 7 8 9 10; do
		left=$(pgrep -u "$(id -u)" -f -- "$T" || true)
		[ -z "$left" ] && break
		sleep 0.1
	done
	[ -z "$left" ] || fail "$what: processes left running: $(ps -o pid=,args= -p "$(echo $left | tr ' ' ,)")"
	m1=$(wc -l </proc/self/mountinfo)
	assert_eq "$m0" "$m1" "$what: host mount count before/after"
}
