#!/bin/bash
# A trace run killed with SIGKILL cannot remove its scratch directory (the stand-ins for tmpfs
# mounts, the exec links); the next run removes it, as it removes every scratch directory of
# ours whose lock nobody holds. A live run's directory (its lock held) is left alone, and so is
# one without a lock file; a run that ends normally removes its own.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
run=$(mktemp -d /dev/shm/uspawn-case.XXXXXX) || skip "no writable /dev/shm (a tmpfs) to keep the scratch directories in"
victim= live=
trap 'kill -9 $victim $live 2>/dev/null || true; rm -rf "$run"' EXIT
export XDG_RUNTIME_DIR=$run # on a tmpfs: the trace backend keeps its scratch directories here
mkdir "$run/uspawn-trace.nolock"

locked() { ls -d "$run"/uspawn-trace.*/.lock 2>/dev/null | sed 's,/\.lock$,,' | sort; }
wait_for_locks() { # N
	for _ in $(seq 100); do [ "$(locked | wc -l)" -ge "$1" ] && return; sleep 0.1; done
	fail "no scratch directory with a lock appeared (have: $(ls "$run"))"
}

"$USPAWN" -q --backend=trace --read-only -M victim -D "$T/root" sleep 300 </dev/null &
victim=$!
wait_for_locks 1
victim_dir=$(locked)
"$USPAWN" -q --backend=trace --read-only -M live -D "$T/root" sleep 300 </dev/null &
live=$!
wait_for_locks 2
live_dir=$(locked | grep -vxF "$victim_dir")

kill -9 $victim
wait $victim 2>/dev/null || true # killed: 137
[ -d "$victim_dir" ] || fail "the killed run's directory went away by itself: the test shows nothing"
run_uspawn --backend=trace --read-only -M next -D "$T/root" true || fail "a run after the killed one failed"
[ ! -e "$victim_dir" ] || fail "the killed run's directory is still there: $(ls -A "$victim_dir")"
[ -f "$live_dir/.lock" ] || fail "the live run's directory was removed"
[ -d "$run/uspawn-trace.nolock" ] || fail "a directory without a lock file was removed"

kill -TERM $live
wait $live 2>/dev/null || true
[ ! -e "$live_dir" ] || fail "the run that ended left its directory: $(ls -A "$live_dir")"
