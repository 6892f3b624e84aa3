# tests/lib/pty.sh — sourced after common.sh by cases that need uspawn on a terminal.

command -v script >/dev/null 2>&1 || skip "script (util-linux) is not installed: no way to get a pty"

# nap SECONDS: sleep without a child process (read with a timeout on a fifo nobody writes to),
# so a feeder leaves nothing running when it is killed.
nap() {
	[ -p "$T/.pty-nap" ] || mkfifo "$T/.pty-nap"
	local x
	read -r -t "$1" x <>"$T/.pty-nap" || true
}

# in_pty_typing FEEDER CMD [ARGS...]: run CMD with stdin, stdout and stderr on a fresh pty
# (script -qec), 10 s at most; prints what appeared on the terminal with the CRs removed and
# returns CMD's status (script -e). What is typed on the terminal is written by the shell
# function FEEDER (printf and nap only), which is stopped once CMD is done. The terminal never
# sees end-of-file while CMD runs (script would type an EOF character into it).
in_pty_typing() {
	local feeder=$1 fp st=0
	shift
	rm -f "$T/.pty-in"
	mkfifo "$T/.pty-in"
	"$feeder" >"$T/.pty-in" &
	fp=$!
	timeout -k 2 10 script -qec "$(printf '%q ' "$@")" /dev/null <"$T/.pty-in" >"$T/.pty-out" 2>&1 || st=$?
	kill "$fp" 2>/dev/null || true
	wait "$fp" 2>/dev/null || true
	tr -d '\r' <"$T/.pty-out"
	return "$st"
}

# in_pty CMD [ARGS...]: the same with nobody typing.
_pty_idle() { nap 15; }
in_pty() { in_pty_typing _pty_idle "$@"; }
