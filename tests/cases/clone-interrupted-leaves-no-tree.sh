#!/bin/bash
# An interrupted clone leaves nothing under DST's name: SIGINT and SIGTERM remove the temporary
# at once; after kill -9 the dead clone's ".#DST.*" temporary is removed by the next clone or
# list-images, and cloning to the same DST then works.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"

# Enough work to be caught in the middle: ~2,000 files and 200 MB of data to copy.
make_image_tree "$T/src"
mkdir -p "$T/src/data"
for d in $(seq 20); do
	mkdir "$T/src/data/$d"
	head -c 10M /dev/urandom >"$T/src/data/$d/blob"
	for f in $(seq 100); do echo "$d $f" >"$T/src/data/$d/f$f"; done
done

# Start a copy, wait until its temporary exists, stop it there; its pid in $pid.
start_and_catch() { # DST
	local i
	"$USPAWNCTL" clone --method=copy "$T/src" "$1" 2>"$T/err.$1" &
	pid=$!
	for i in $(seq 500); do
		if compgen -G "$MACHINES/.#$1.*/data" >/dev/null; then
			kill -STOP $pid
			[ ! -e "$MACHINES/$1" ] || fail "the clone finished before it could be interrupted"
			return
		fi
		sleep 0.01
	done
	fail "no temporary .#$1.* appeared"
}

for sig in INT TERM; do
	start_and_catch "to-$sig"
	kill -$sig $pid
	kill -CONT $pid
	st=0
	wait $pid || st=$?
	[ $st -ne 0 ] || fail "SIG$sig: the clone reported success"
	assert_contains "$(cat "$T/err.to-$sig")" "Interrupted" "SIG$sig: said so"
	assert_no_machine "to-$sig" "after SIG$sig"
	[ ! -e "$MACHINES/to-$sig.clone" ] || fail "SIG$sig: a clone record was left"
done

start_and_catch killed
kill -KILL $pid
wait $pid || true
[ ! -e "$MACHINES/killed" ] || fail "kill -9: a tree under the final name"
compgen -G "$MACHINES/.#killed.*" >/dev/null || fail "kill -9 should have left its temporary (nothing to sweep)"
"$USPAWNCTL" list-images >/dev/null 2>"$T/err" || fail "list-images: $(cat "$T/err")"
assert_no_machine killed "list-images after kill -9"
"$USPAWNCTL" clone --method=copy "$T/src" killed 2>"$T/err" || fail "the second clone: $(cat "$T/err")"
assert_same_tree "$T/src" "$MACHINES/killed" "the second clone"
