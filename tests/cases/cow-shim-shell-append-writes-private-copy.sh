#!/bin/bash
# A shell's >> and > redirections onto hard-linked files write private copies.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

cow_pair f original
cow_pair g original
cow_run bash -c 'echo appended >>"$1"; echo truncated >"$2"' - "$T/prot/f" "$T/prot/g"
assert_cow_broken f "original""appended" "bash >>"
assert_cow_broken g truncated "bash >"
cow_pair h original
cow_run dash -c 'echo appended >>"$1"' - "$T/prot/h"
assert_cow_broken h "original""appended" "dash >>"
