#!/bin/bash
# The vsyscall tracer reaps only its tracees: when the network helper (pasta, a child of the
# supervisor but not traced) dies while a traced container runs, the supervisor itself collects
# it and says how it ended, instead of the tracer swallowing its exit status.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/network.sh"
. "$(dirname "$0")/../lib/vsyscall.sh"
require_network_helper pasta

make_vsys_rootfs "$T/root"
name=vsys-net-$$
USPAWN_LOG_LEVEL=debug USPAWN_VSYSCALL_TEST_PAGE=$VSYS_TEST_PAGE "$USPAWN" -q -M "$name" -D "$T/root" \
	--vsyscall=emulate -n -E VSYS_PAGE=$VSYS_TEST_PAGE sh -c 'vsys check; sleep 3; vsys check' </dev/null >"$T/out" 2>&1 &
pid=$!
for i in $(seq 50); do
	helper=$(pgrep -u "$(id -u)" -P $pid -x pasta || pgrep -u "$(id -u)" -P $pid -f 'pasta' || true)
	[ -n "$helper" ] && break
	sleep 0.1
done
[ -n "$helper" ] || { kill $pid; fail "no pasta child of uspawn: $(cat "$T/out")"; }
sleep 0.5
kill -TERM $helper
wait $pid || fail "the container failed: $(cat "$T/out")"
out=$(cat "$T/out")
assert_eq 2 "$(grep -c 'vsys: OK' <<<"$out")" "both checks ran, traced"
assert_contains "$out" "network helper of $name, exited (status 0" "the helper's end, as the supervisor saw it"
assert_not_contains "$out" "status unknown" "the tracer did not reap the helper"
