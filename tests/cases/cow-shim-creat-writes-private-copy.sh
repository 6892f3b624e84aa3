#!/bin/bash
# C creat() on a hard-linked file writes a private copy.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

cow_pair f original
cow_run "$COW_OPS" creat "$T/prot/f" created
assert_cow_broken f created "creat"
