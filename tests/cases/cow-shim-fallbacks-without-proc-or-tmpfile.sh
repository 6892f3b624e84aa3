#!/bin/bash
# The fallbacks, forced: without /proc (USPAWN_COW_NO_PROC=1: paths resolved by a readlink walk,
# the O_TMPFILE copy linked by AT_EMPTY_PATH or else copied again into a named temporary) and
# without O_TMPFILE (USPAWN_COW_NO_TMPFILE=1: a named temporary renamed over), writes by bash,
# cp and fopen still break links with metadata kept and no temporary left; an fd variant whose
# file cannot be named without /proc is refused (EPERM) rather than let through.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

for mode in USPAWN_COW_NO_PROC USPAWN_COW_NO_TMPFILE; do
	for f in a c o; do cow_pair $mode-$f original; chmod 640 "$T/src/$mode-$f"; done
	cow_snapshot $mode-a >"$T/.before-$mode-a"
	cow_snapshot $mode-c >"$T/.before-$mode-c"
	cow_snapshot $mode-o >"$T/.before-$mode-o"
	echo new >"$T/new"
	(cd "$T/prot" && env $mode=1 LD_PRELOAD="$COW_LIB" USPAWN_COW_PATH="$T/prot" bash -c '
		echo x >>"$1-a"; cp "$2" "$1-c"; "$3" fopen "$1-o" a x' - "$mode" "$T/new" "$COW_OPS")
	assert_cow_broken $mode-a "original""x" "$mode: bash >> (relative path)"
	assert_cow_broken $mode-c new "$mode: cp"
	assert_cow_broken $mode-o "original""x" "$mode: fopen(a)"
	assert_eq 640 "$(stat -c %a "$T/prot/$mode-a")" "$mode: the copy's mode"
done

cow_pair m original
st=0
out=$(USPAWN_COW_NO_PROC=1 cow_run "$COW_OPS" fchmod "$T/prot/m" 600 2>&1) || st=$?
[ $st != 0 ] || fail "fchmod without /proc went through"
assert_contains "$out" "Operation not permitted" "fchmod without /proc"
assert_eq 2 "$(stat -c %h "$T/src/m")" "links after the refused fchmod"
assert_eq 644 "$(stat -c %a "$T/src/m")" "the source's mode after the refused fchmod"
