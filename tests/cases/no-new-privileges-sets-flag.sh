#!/bin/bash
# --no-new-privileges sets PR_SET_NO_NEW_PRIVS for the command (probe nnp -> 1); by default, and
# with =no, it is not set (0).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
assert_eq 0 "$(run_uspawn -D "$T/root" probe nnp)" "no_new_privs by default"
assert_eq 1 "$(run_uspawn -D "$T/root" --no-new-privileges probe nnp)" "--no-new-privileges"
assert_eq 1 "$(run_uspawn -D "$T/root" --no-new-privileges=yes probe nnp)" "--no-new-privileges=yes"
assert_eq 0 "$(run_uspawn -D "$T/root" --no-new-privileges=no probe nnp)" "--no-new-privileges=no"
assert_eq 1 "$(run_uspawn -D "$T/root" -u alice --no-new-privileges probe nnp)" "--no-new-privileges with -u alice"
