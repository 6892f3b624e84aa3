#!/bin/bash
# -x names the machine NAME-<16 hex> (nspawn's form) when the name comes from the directory, so
# two ephemeral runs of one tree coexist: both registered at once, each with its own name and
# its own changes. With -M the name is kept as given.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/s"
"$USPAWN" -q -D "$T/root" -x --bind="$T/s:/s" sh -c 'echo one >/mine; hostname >/s/1;
	while [ ! -e /s/go ]; do sleep 0.1; done; cat /mine >/s/1-mine' </dev/null >"$T/out1" 2>&1 &
pid=$!
for i in $(seq 100); do [ -s "$T/s/1" ] && break; sleep 0.1; done
[ -s "$T/s/1" ] || { kill -9 $pid; fail "first run did not start: $(cat "$T/out1")"; }
second=$(run_uspawn -D "$T/root" -x sh -c 'echo two >/mine; hostname; cat /mine' 2>&1)
list=$("$USPAWNCTL" list 2>&1 || true)
touch "$T/s/go"
wait $pid || fail "first run failed: $(cat "$T/out1")"
first=$(cat "$T/s/1")
[[ $first =~ ^root-[0-9a-f]{16}$ ]] || fail "first machine name '$first' is not root-<16 hex>"
name2=$(sed -n 1p <<<"$second")
[[ $name2 =~ ^root-[0-9a-f]{16}$ ]] || fail "second run: '$second'"
[ "$first" != "$name2" ] || fail "both runs are named $first"
assert_eq two "$(sed -n 2p <<<"$second")" "second run's own file"
assert_eq one "$(cat "$T/s/1-mine")" "first run's own file, untouched by the second"
assert_contains "$list" "$first" "uspawnctl list while both ran"
[ ! -e "$T/root/mine" ] || fail "a run wrote into the tree"
assert_eq named "$(run_uspawn -D "$T/root" -x -M named hostname)" "-x with -M keeps the name"
