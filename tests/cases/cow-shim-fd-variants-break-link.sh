#!/bin/bash
# fchmod, futimens and fsetxattr on an fd opened read-only, ftruncate on an fd opened behind the
# shim's back, and systemd-tmpfiles' ways through an O_PATH fd (chmod of /proc/self/fd/N,
# fchownat(fd, "", AT_EMPTY_PATH) of a set-uid file): the shim names the fd's file, breaks its
# links and swaps the fd for one to the private copy, so the call (and the fd from then on)
# acts on the copy.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

cow_pair m original
cow_pair u original
cow_pair t original
cow_run "$COW_OPS" fchmod "$T/prot/m" 600
cow_run "$COW_OPS" futimens "$T/prot/u" 1000000000
cow_run "$COW_OPS" ftruncate "$T/prot/t" 2
assert_cow_broken m original "fchmod"
assert_cow_broken u original "futimens"
assert_cow_broken t or "ftruncate"
assert_eq 600 "$(stat -c %a "$T/prot/m")" "clone's mode"
cow_pair pm original
cow_pair pc original
chmod 4755 "$T/src/pc"
cow_snapshot pc >"$T/.before-pc"
cow_run "$COW_OPS" pathfd-chmod "$T/prot/pm" 600
cow_run "$COW_OPS" pathfd-chown "$T/prot/pc"
assert_cow_broken pm original "chmod /proc/self/fd/N of an O_PATH fd"
assert_cow_broken pc original "fchownat(O_PATH fd, \"\", AT_EMPTY_PATH)"
assert_eq 600 "$(stat -c %a "$T/prot/pm")" "clone's mode through /proc/self/fd"
assert_eq 1000000000 "$(stat -c %Y "$T/prot/u")" "clone's mtime"
printf x >"$T/probe-xattr"
if command -v setfattr >/dev/null && setfattr -n user.probe -v 1 "$T/probe-xattr" 2>/dev/null; then
	cow_pair x original
	cow_run "$COW_OPS" fsetxattr "$T/prot/x" user.new 1
	assert_cow_broken x original "fsetxattr"
fi
