#!/bin/bash
# The shim is injected only into runs of hard-link clones: a tree without a record, or with a
# "reflink" or "copy" record, gets no LD_PRELOAD and no bind; a hard-link clone whose shim cannot
# be found is refused with one line naming where it was looked for; an unreadable record is an
# error too; a user's LD_PRELOAD (-E) is kept after the shim; host directories bound in are
# excluded from the protection (their files are meant to be written), tree-relative binds not;
# a run whose writes cannot reach the tree (--read-only) gets no shim.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/tree"
env_of() { run_uspawn -D "$T/tree" "$@" sh -c 'echo "P=$LD_PRELOAD C=$USPAWN_COW_PATH"'; }
assert_eq "P= C=" "$(env_of)" "no record"
for m in reflink copy; do
	printf '{"method":"%s","source":"/x"}\n' $m >"$T/tree.clone"
	assert_eq "P= C=" "$(env_of)" "$m record"
done
printf '{"method":"hardlink","source":"/x"}\n' >"$T/tree.clone"
assert_eq "P=/run/host/uspawn/libuspawn-cow.so C=/" "$(env_of)" "hardlink record"
assert_eq "P=/run/host/uspawn/libuspawn-cow.so:/mine.so C=/" "$(env_of -E LD_PRELOAD=/mine.so)" "with -E LD_PRELOAD"
# runs whose writes never reach the tree need no shim; a writable bind of a tree path does
assert_eq "P= C=" "$(env_of --read-only)" "--read-only"
assert_eq "P=/run/host/uspawn/libuspawn-cow.so C=/" "$(env_of --read-only --bind=+/home:/mnt)" "--read-only with a writable tree bind"
[ -f "$T/tree/run/host/uspawn/libuspawn-cow.so" ] && fail "the bind's mount point was left in the tree"
mkdir -p "$T/host" "$T/tree/srv"
out=$(run_uspawn -D "$T/tree" --bind="$T/host:/mnt/host" --bind=+/srv:/mnt/srv sh -c 'echo "X=$USPAWN_COW_EXCLUDE"')
assert_eq "X=/mnt/host" "$out" "exclusions for binds"

st=0
out=$(USPAWN_COW_LIBRARY=$T/nowhere.so "$USPAWN" -q -D "$T/tree" true 2>&1) || st=$?
[ $st != 0 ] || fail "ran without the shim"
assert_contains "$out" "is a hard-link clone of '/x'" "missing shim error"
assert_contains "$out" "$T/nowhere.so" "missing shim error names the place"
assert_eq 1 "$(wc -l <<<"$out")" "one line"

echo '{"method":' >"$T/tree.clone"
st=0
out=$("$USPAWN" -q -D "$T/tree" true 2>&1) || st=$?
[ $st != 0 ] || fail "ran with an unreadable clone record"
assert_contains "$out" "clone record" "unreadable record error"
