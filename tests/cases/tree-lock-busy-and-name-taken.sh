#!/bin/bash
# A running machine locks its tree: a second uspawn on it fails at once with "is currently
# busy" (several --read-only machines may share one), and a second machine with a running
# machine's name is refused. Nothing is left behind by the refused ones.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

export XDG_RUNTIME_DIR=$T/run
mkdir -m 0700 "$XDG_RUNTIME_DIR"
make_busybox_rootfs "$T/root"
make_busybox_rootfs "$T/other"
# relative paths (we are in $T): expect_error's leak check looks for $T in command lines
"$USPAWN" -q -D root -M first sh -c 'echo up; exec sleep 300' </dev/null >"$T/out" &
pid=$!
for i in $(seq 50); do [ -s "$T/out" ] && break; sleep 0.1; done
[ -s "$T/out" ] || fail "the first machine did not start"
[ -s "$XDG_RUNTIME_DIR/uspawn/machines/first.json" ] || fail "the first machine is not registered"

expect_error 1 "second on the same tree" -- -q -D "$T/root" -M second /bin/true
assert_contains "$ERR" "$T/root is currently busy" "error names the tree"
expect_error 1 "same name" -- -q -D "$T/other" -M first /bin/true
assert_contains "$ERR" "first is already running" "error names the machine"
kill -TERM $pid
wait $pid || true
[ ! -e "$XDG_RUNTIME_DIR/uspawn/machines/first.json" ] || fail "the record outlived the machine"

# read-only machines share a tree
"$USPAWN" -q -D root -M ro1 --read-only sh -c 'echo up; exec sleep 300' </dev/null >"$T/out2" &
pid=$!
for i in $(seq 50); do [ -s "$T/out2" ] && break; sleep 0.1; done
assert_eq ok "$("$USPAWN" -q -D "$T/root" -M ro2 --read-only echo ok </dev/null)" "a second read-only machine"
expect_error 1 "a writable one next to a read-only one" -- -q -D "$T/root" -M rw /bin/true
kill -TERM $pid
wait $pid || true
