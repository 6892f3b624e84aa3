#!/bin/bash
# Where a seccomp filter refuses user namespaces as Docker's default profile does (`probe
# deny-userns`), --backend=auto (the default) runs the tree with the trace backend and says why
# in one line; --backend=trace works there too, and uspawnctl check names the trace backend.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
echo guest-file >"$T/root/marker"
out=$("$PROBE" deny-userns -- "$USPAWN" -D "$T/root" cat /marker 2>"$T/err" </dev/null)
assert_eq guest-file "$out" "command's output under the filter"
err=$(cat "$T/err")
assert_contains "$err" "User namespaces are refused (refused by a seccomp filter" "why"
assert_contains "$err" "using the trace backend." "which backend"
assert_eq 1 "$(grep -c . "$T/err")" "lines on stderr"
out=$("$PROBE" deny-userns -- "$USPAWN" -q --backend=trace -D "$T/root" cat /marker 2>&1 </dev/null)
assert_eq guest-file "$out" "--backend=trace under the filter"
out=$("$PROBE" deny-userns -- "$USPAWNCTL" check || true)
assert_contains "$out" "backend: trace (user namespaces refused: refused by a seccomp filter" "uspawnctl check"
