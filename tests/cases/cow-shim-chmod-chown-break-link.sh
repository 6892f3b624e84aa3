#!/bin/bash
# chmod (and fchmodat), chown to another group, chown to the same owner of a set-uid file (which
# clears the set-uid bit), and chmod to the mode the file already has: all but the no-op give
# the clone a private inode.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

cow_pair m original
cow_pair s original
cow_pair n original
chmod 644 "$T/src/n"
cow_run chmod 600 "$T/prot/m"
cow_run chmod g+s,o-r "$T/prot/s"
cow_run chmod 644 "$T/prot/n"
assert_cow_broken m original "chmod 600"
assert_cow_broken s original "chmod g+s"
assert_eq 600 "$(stat -c %a "$T/prot/m")" "clone's mode"
assert_eq 2640 "$(stat -c %a "$T/prot/s")" "clone's mode after g+s"
assert_eq 2 "$(stat -c %h "$T/src/n")" "links after a chmod that changes nothing"
other=$(id -G | tr ' ' '\n' | grep -vx "$(id -g)" | head -n 1 || true)
if [ -n "$other" ]; then
	cow_pair g original
	cow_run chgrp "$other" "$T/prot/g"
	assert_cow_broken g original "chgrp"
	assert_eq "$other" "$(stat -c %g "$T/prot/g")" "clone's group"
fi
cow_pair su original
chmod 4755 "$T/src/su"
cow_snapshot su >"$T/.before-su"
cow_run chown "$(id -u)" "$T/prot/su"
assert_cow_broken su original "chown of a set-uid file to its owner"
assert_eq 755 "$(stat -c %a "$T/prot/su")" "the clone lost its set-uid bit, as chown does"
