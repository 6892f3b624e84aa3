#!/bin/bash
# touch (utimensat), touch -h (no follow), and a perl utime() (utimes): each changes only the
# clone's times.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

cow_pair t original
cow_pair d original
cow_pair p original
touch -d '2001-02-03 04:05:06' "$T/src/t" "$T/src/d" "$T/src/p"
for f in t d p; do cow_snapshot $f >"$T/.before-$f"; done
cow_run touch "$T/prot/t"
cow_run touch -h -d '2020-01-01' "$T/prot/d"
cow_run perl -e 'utime(1000000000, 1000000000, $ARGV[0]) or die "$!"' "$T/prot/p"
assert_cow_broken t original "touch"
assert_cow_broken d original "touch -h -d"
assert_cow_broken p original "perl utime"
assert_eq 1000000000 "$(stat -c %Y "$T/prot/p")" "clone's mtime"
