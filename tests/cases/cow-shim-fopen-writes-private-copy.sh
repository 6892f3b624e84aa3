#!/bin/bash
# C fopen(), fopen64() and freopen() for writing break the link (glibc's fopen opens through an
# internal function, so hooking open is not enough); fopen for reading does not.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

cow_pair w original
cow_pair a original
cow_pair rp original
cow_pair f64 original
cow_pair fre original
cow_pair r original
cow_run "$COW_OPS" fopen "$T/prot/w" w written
cow_run "$COW_OPS" fopen "$T/prot/a" a +more
cow_run "$COW_OPS" fopen "$T/prot/rp" r+ O
cow_run "$COW_OPS" fopen64 "$T/prot/f64" we written
cow_run "$COW_OPS" freopen "$T/prot/fre" +more
assert_cow_broken w written 'fopen("w")'
assert_cow_broken a original+more 'fopen("a")'
assert_cow_broken rp Original 'fopen("r+")'
assert_cow_broken f64 written 'fopen64("we")'
assert_cow_broken fre original+more 'freopen("a")'
# reading needs no copy
cow_run cat "$T/prot/r" >/dev/null
cow_run "$COW_OPS" fopen "$T/prot/r" r "" || true
assert_eq 2 "$(stat -c %h "$T/src/r")" "links after reading"
# errors keep their errno
cow_run "$COW_OPS" errno "$T/prot/missing"
