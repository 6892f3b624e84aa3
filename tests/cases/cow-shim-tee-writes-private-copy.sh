#!/bin/bash
# tee (fopen in coreutils) onto hard-linked files, truncating and appending, writes private
# copies.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

cow_pair f original
cow_pair g original
echo teed | cow_run tee "$T/prot/f" >/dev/null
echo more | cow_run tee -a "$T/prot/g" >/dev/null
assert_cow_broken f teed "tee"
assert_cow_broken g "original""more" "tee -a"
