#!/bin/bash
# cp onto a hard-linked file under USPAWN_COW_PATH writes a private copy (coreutils opens the
# destination with openat, which fl-cow does not hook); the other link keeps its content.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

cow_pair f original
echo replaced >"$T/new"
cow_run cp "$T/new" "$T/prot/f"
assert_cow_broken f replaced "cp"
