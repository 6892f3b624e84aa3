#!/bin/bash
# `uspawnctl status NAME` names the root, the leader and supervisor pids, the backend, the init
# ("-" for a command), the UUID (what the container sees in $container_uuid), since when it runs,
# and the leader's process tree with each process's command line.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/machines.sh"

make_busybox_rootfs "$T/root"
start_machine st -D "$T/root" sleep 300
out=$("$USPAWNCTL" status st)
assert_eq st "$(head -n1 <<<"$out")" "first line"
leader=$(awk '$1 == "Leader:" {print $2}' <<<"$out")
assert_contains "$out" "Root: $T/root" "root"
assert_contains "$out" "Leader: $leader (uspawn-init)" "leader"
assert_contains "$out" "Supervisor: $PID" "supervisor"
assert_contains "$out" "Backend: userns" "backend"
assert_contains "$out" "Init: -" "init"
grep -qE '^ +Since: .*; [0-9]+s ago$' <<<"$out" || fail "no 'Since: ...; Ns ago' line: $out"
uuid=$("$USPAWNCTL" shell st sh -c 'echo $container_uuid' </dev/null)
assert_contains "$out" "UUID: $uuid" "uuid"
grep -qE "^ +$leader uspawn-init" <<<"$out" || fail "leader not in the process tree: $out"
grep -qE '^ +`-[0-9]+ sleep 300$' <<<"$out" || fail "the command not in the process tree: $out"
