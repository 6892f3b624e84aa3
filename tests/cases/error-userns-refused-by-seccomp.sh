#!/bin/bash
# Where a seccomp filter refuses user namespaces the way Docker's default profile does (unshare
# and namespace flags of clone -> EPERM, clone3 -> ENOSYS; `probe deny-userns` installs such a
# filter and execs uspawn), uspawn --backend=userns fails with status 1 and one stderr line that
# names the cause (seccomp). Nothing is left running or mounted. (--backend=auto takes the trace
# backend there: trace-auto-picks-trace-when-userns-refused.sh.)
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

make_busybox_rootfs "$T/root"
# The filter itself works: a plain unshare -U under it is refused.
out=$("$PROBE" deny-userns -- "$PROBE" syscall unshare)
assert_eq EPERM "$out" "unshare(CLONE_NEWUSER) under probe deny-userns"
USPAWN_REAL=$USPAWN
USPAWN=$T/uspawn-under-filter
printf '#!/bin/sh\nexec "%s" deny-userns -- "%s" "$@"\n' "$PROBE" "$USPAWN_REAL" >"$USPAWN"
chmod +x "$USPAWN"
expect_error 1 "userns refused by seccomp" -- -q --backend=userns -D "$T/root" /bin/true
assert_contains "$ERR" seccomp "error names the cause"
