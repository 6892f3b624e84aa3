#!/bin/bash
# /proc/kcore, /proc/keys, /proc/timer_list, /proc/sched_debug are masked where the host has them:
# reading gives 0 bytes (a bind of /dev/null).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
checked=
for p in /proc/kcore /proc/keys /proc/timer_list /proc/sched_debug; do
	[ -e "$p" ] || continue
	checked="$checked $p"
	assert_eq 0 "$(run_uspawn -D "$T/root" probe read-file "$p")" "bytes read from $p"
done
[ -n "$checked" ] || skip "the host has none of /proc/kcore /proc/keys /proc/timer_list /proc/sched_debug"
# An empty file could be the kernel's own answer: the masked path must also be a mount point.
first=${checked# }
first=${first%% *}
out=$(run_uspawn -D "$T/root" cut -d" " -f2 /proc/self/mounts)
grep -qxF -- "$first" <<<"$out" || fail "$first is not a mount point inside"
