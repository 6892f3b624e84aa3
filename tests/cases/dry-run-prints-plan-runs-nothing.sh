#!/bin/bash
# --dry-run prints the setup plan (the /proc mount, the user's binds and tmpfs) on stdout, exits 0,
# and runs nothing: the command's side effect does not happen.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/hostdir"
st=0
out=$("$USPAWN" -q -D "$T/root" --dry-run --bind="$T/hostdir:/mnt/plan-bind" --tmpfs=/mnt/plan-tmpfs \
	sh -c 'echo ran >/mnt/plan-bind/ran' </dev/null) || st=$?
assert_eq 0 "$st" "exit status"
grep -qE '^proc +/proc( |$)' <<<"$out" || fail "no 'proc /proc' line in the plan: $out"
assert_contains "$out" "/mnt/plan-bind" "plan"
assert_contains "$out" "$T/hostdir" "plan"
assert_contains "$out" "/mnt/plan-tmpfs" "plan"
[ ! -e "$T/hostdir/ran" ] || fail "the command ran"
[ ! -e "$T/root/mnt" ] || fail "--dry-run created /mnt in the tree"
