#!/bin/bash
# run-as: nosub
# The stat fast path (libuspawn-ids.so, preloaded under the root emulation) and the supervisor
# give the same answers: after chown and mknod inside, ls -ln, GNU stat (statx), find -printf
# (fstatat) and a static BusyBox stat (the supervisor always) show the recorded owners, types and
# device numbers, identically with the fast path and without it (USPAWN_IDS_FASTPATH=0); so do
# the owners recorded on the whole imported bookworm tree.
. "$(dirname "$0")/../lib/common.sh"
require_no_subordinate_range
tree=$(bookworm_owned_rootfs)
[ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1 || skip "busybox-static is not installed"

mkdir -p "$T/data"
cp /bin/busybox "$T/data/busybox"
run() { run_uspawn --read-only --bind="$T/data:/data" -D "$tree" "$@"; }
run sh -c 'cd /data && touch f g && chown 33:44 f && mkdir d && chown 1000:50 d && chmod 2750 d &&
	mknod null c 1 3 && chown 0:5 null && mknod blk b 8 1 && ln -s f link && chown -h 7:7 link &&
	mkdir d/sub && chown 2:3 d/sub' || fail "setting owners inside"

list='cd /data; ls -ln --time-style=+ . d; stat -c "%n %u:%g %f %t:%T %s" *; find . -printf "%p %U:%G %M %s\n"
	stat -L -c "%n %u:%g" link; /data/busybox stat -c "%n %u:%g %f %t:%T %s" *'
same_both_ways() { # SCRIPT WHAT: the output, once the same with and without the fast path
	run sh -c "$1" >"$T/fast" || fail "$2 with the fast path"
	USPAWN_IDS_FASTPATH=0 run sh -c "$1" >"$T/slow" || fail "$2 without the fast path"
	diff -u "$T/slow" "$T/fast" >&2 || fail "$2: the fast path's answers differ from the supervisor's"
	cat "$T/fast"
}
fast=$(same_both_ways "$list" "listing")
assert_contains "$fast" "f 33:44 81a4 0:0 0" "GNU stat of a chown'd file"
assert_contains "$fast" "d 1000:50 45e8" "GNU stat of a chown'd directory"
assert_contains "$fast" "null 0:5 21a4 1:3 0" "a character device placeholder"
assert_contains "$fast" "blk 0:0 61a4 8:1 0" "a block device placeholder"
assert_contains "$fast" "./d/sub 2:3 drwxr-sr-x" "find -printf"
assert_contains "$fast" "link 33:44" "stat -L through a symlink"
assert_contains "$(run ls -ln /data/f)" " 33 44 " "ls -ln"

# the tree's own records (its image owners): every file of /etc /usr /var, both ways
walk='find /etc /usr /var -xdev -printf "%p %U:%G %M %s\n" | sort | sha256sum; find /etc /usr /var -xdev -printf "%U:%G\n" | sort | uniq -c | sort -n | tail -n 3'
same_both_ways "$walk" "walking the tree" >/dev/null
assert_eq "0 42 640" "$(run stat -c '%u %g %a' /etc/shadow)" "/etc/shadow's recorded group"

# and the fast path was what answered: GNU stat's statx never stopped in the supervisor
stops() { USPAWN_LOG_LEVEL=debug run stat -c %u /data/f 2>&1 >/dev/null | grep -c 'fakeroot: pid [0-9]* call 332:' || true; }
assert_eq 0 "$(stops)" "statx stops with the fast path"
[ "$(USPAWN_IDS_FASTPATH=0 stops)" -ge 1 ] || fail "statx did not stop without the fast path: the check sees nothing"
