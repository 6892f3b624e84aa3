#!/bin/bash
# -E VAR (no '=') passes VAR's value from uspawn's own environment into the container.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
export USPAWN_CASE_VAR="from the host=1"
assert_eq "from the host=1" "$(run_uspawn -D "$T/root" -E USPAWN_CASE_VAR sh -c 'echo "$USPAWN_CASE_VAR"')" "-E VAR"
assert_eq "from the host=1" "$(run_uspawn -D "$T/root" --setenv=USPAWN_CASE_VAR sh -c 'echo "$USPAWN_CASE_VAR"')" "--setenv=VAR"
