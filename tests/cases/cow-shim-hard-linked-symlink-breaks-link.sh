#!/bin/bash
# cp -al links symlinks too: touch -h (utimensat with AT_SYMLINK_NOFOLLOW) and chgrp -h (lchown)
# on such a symlink in the clone replace it by a private symlink to the same target; the
# source's symlink keeps its times and group. Following operations still reach the target.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

mkdir -p "$T/src" "$T/prot"
ln -s target-one "$T/src/l"
touch -h -d '2001-02-03 04:05:06' "$T/src/l"
ln "$T/src/l" "$T/prot/l"
[ "$(stat -c %h "$T/src/l")" = 2 ] || skip "this file system cannot hard-link symlinks"
before=$(stat -c '%i %Y %g %N' "$T/src/l")
cow_run touch -h -d '2020-01-01' "$T/prot/l"
assert_eq "$before" "$(stat -c '%i %Y %g %N' "$T/src/l")" "the source symlink after touch -h"
assert_eq 1 "$(stat -c %h "$T/prot/l")" "the clone's symlink links"
assert_eq target-one "$(readlink "$T/prot/l")" "the clone's symlink target"
assert_eq "$(date -d 2020-01-01 +%s)" "$(stat -c %Y "$T/prot/l")" "the clone's symlink mtime"

other=$(id -G | tr ' ' '\n' | grep -vx "$(id -g)" | head -n 1 || true)
if [ -n "$other" ]; then
	ln -s target-two "$T/src/m"
	ln "$T/src/m" "$T/prot/m"
	before=$(stat -c '%i %Y %g' "$T/src/m")
	cow_run chgrp -h "$other" "$T/prot/m"
	assert_eq "$before" "$(stat -c '%i %Y %g' "$T/src/m")" "the source symlink after chgrp -h"
	assert_eq "$other" "$(stat -c %g "$T/prot/m")" "the clone's symlink group"
fi
cow_no_strays "symlinks"
