#!/bin/bash
# truncate(1) (open O_WRONLY then ftruncate) and truncate(2) through perl both shorten only the
# clone.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

cow_pair f original
cow_pair p original
cow_run truncate -s 4 "$T/prot/f"
cow_run perl -e 'truncate($ARGV[0], 3) or die "$!"' "$T/prot/p"
assert_cow_broken f orig "truncate -s 4"
assert_cow_broken p ori "perl truncate"
