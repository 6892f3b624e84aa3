#!/bin/bash
# `uspawnctl list` shows a running machine as machinectl does: a MACHINE LEADER INIT BACKEND
# ROOT table (INIT "-" for a command, the init's kind when booted) and "N machines listed.";
# --json gives the same as an array. With none running it says "0 machines listed.".
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/machines.sh"

assert_eq "0 machines listed." "$("$USPAWNCTL" list)" "list with no machine"
make_busybox_rootfs "$T/root"
make_bootable_busybox_rootfs "$T/boot" "sleep 300"
start_machine cmd -D "$T/root" sleep 300
cmd_pid=$PID
start_machine booted -D "$T/boot" --bind="$T/state:/state" -b
out=$("$USPAWNCTL" list)
assert_eq "MACHINE LEADER   INIT         BACKEND ROOT" "$(head -n1 <<<"$out")" "header"
assert_eq "2 machines listed." "$(tail -n1 <<<"$out")" "last line"
read -r name leader init backend root < <(grep '^cmd ' <<<"$out")
assert_eq "cmd - userns $T/root" "$name $init $backend $root" "the command's line"
assert_eq "$cmd_pid" "$(awk '{print $4}' "/proc/$leader/stat")" "the leader's parent is uspawn"
grep -qE "^booted +[0-9]+ +BusyBox init +userns +$T/boot\$" <<<"$out" || fail "the booted machine's line: $out"
json=$("$USPAWNCTL" list --json)
assert_eq "booted cmd" "$(jq -r '[.[].machine] | join(" ")' <<<"$json")" "JSON names, sorted"
assert_eq "$leader" "$(jq -r '.[] | select(.machine == "cmd") | .leader' <<<"$json")" "JSON leader"
