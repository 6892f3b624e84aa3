#!/bin/bash
# On a kernel without seccomp filters (simulated: probe hide-seccomp makes seccomp() ENOSYS and
# prctl(PR_SET_SECCOMP) EINVAL, as CONFIG_SECCOMP_FILTER=n does), the userns backend cannot load
# its system call filter: one line says so and names the backend that runs there, and
# --backend=trace does run (plain ptrace).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
set +e
err=$("$PROBE" hide-seccomp -- "$BUILD/uspawn" -q --backend=userns -D "$T/root" true 2>&1 >/dev/null </dev/null)
st=$?
set -e
[ "$st" -ne 0 ] || fail "the userns backend ran without its filter"
assert_eq 1 "$(grep -c . <<<"$err")" "number of error lines (got: $err)"
assert_contains "$err" "--backend=trace" "the error names the remedy"
assert_eq ok "$("$PROBE" hide-seccomp -- "$BUILD/uspawn" -q --backend=trace -D "$T/root" echo ok </dev/null)" \
	"the trace backend without seccomp filters"
