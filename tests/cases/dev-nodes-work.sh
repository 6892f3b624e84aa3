#!/bin/bash
# The device nodes behave: writes to /dev/null succeed, /dev/zero reads zeros, /dev/full refuses
# writes with ENOSPC, /dev/urandom and /dev/random give bytes.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" sh -c '
	probe write-file /dev/null
	head -c 4096 /dev/zero | wc -c
	head -c 4096 /dev/zero | tr -d "\000" | wc -c
	probe write-file /dev/full
	head -c 16 /dev/urandom | wc -c
	head -c 16 /dev/random | wc -c
	probe read-file /dev/null')
line() { sed -n "$1p" <<<"$out" | tr -d ' '; }
assert_eq ok "$(line 1)" "write to /dev/null"
assert_eq 4096 "$(line 2)" "bytes read from /dev/zero"
assert_eq 0 "$(line 3)" "non-zero bytes in /dev/zero's"
assert_eq ENOSPC "$(line 4)" "write to /dev/full"
assert_eq 16 "$(line 5)" "bytes from /dev/urandom"
assert_eq 16 "$(line 6)" "bytes from /dev/random"
assert_eq 0 "$(line 7)" "bytes read from /dev/null"
