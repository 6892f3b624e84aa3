#!/bin/bash
# setfattr -n/-x (setxattr, removexattr) and setfattr -h (lsetxattr) change only the clone's
# extended attributes.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"
command -v setfattr >/dev/null || skip "setfattr is not installed (attr)"
printf x >"$T/probe-xattr"
setfattr -n user.probe -v 1 "$T/probe-xattr" 2>/dev/null || skip "$T's file system has no user xattrs"

cow_pair s original
cow_pair x original
cow_pair h original
setfattr -n user.keep -v yes "$T/src/x"
cow_snapshot x >"$T/.before-x"
cow_run setfattr -n user.new -v 1 "$T/prot/s"
cow_run setfattr -x user.keep "$T/prot/x"
cow_run setfattr -h -n user.new -v 1 "$T/prot/h"
assert_cow_broken s original "setfattr -n"
assert_cow_broken x original "setfattr -x"
assert_cow_broken h original "setfattr -h"
assert_eq 1 "$(getfattr --only-values -n user.new "$T/prot/s")" "clone's new attribute"
assert_eq yes "$(getfattr --only-values -n user.keep "$T/src/x")" "source keeps its attribute"
