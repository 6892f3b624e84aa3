#!/bin/bash
# Appending to an empty hard-linked file writes a private copy: empty files are shared too.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

cow_pair f ""
cow_pair g ""
cow_run bash -c 'echo first >>"$1"' - "$T/prot/f"
cow_run "$COW_OPS" fopen "$T/prot/g" a first
assert_cow_broken f first "bash >> to an empty file"
assert_cow_broken g first "fopen(a) of an empty file"
