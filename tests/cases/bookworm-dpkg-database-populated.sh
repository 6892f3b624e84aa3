#!/bin/bash
# In the bookworm tree, dpkg reads its own database: more than 50 packages installed.
. "$(dirname "$0")/../lib/common.sh"

tree=$(bookworm_rootfs)
n=$(run_uspawn -D "$tree" --read-only sh -c 'dpkg -l | grep -c "^ii"')
[ "$n" -gt 50 ] || fail "dpkg -l lists $n installed packages, want > 50"
