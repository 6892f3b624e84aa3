#!/bin/bash
# What the trace backend cannot translate is refused, never run untranslated: a 64-bit program's
# open through the 32-bit ABI (int $0x80, other syscall numbers) fails with ENOSYS, and a 32-bit
# x86 program as the command fails with status 126 and one line saying why.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

[ "$(uname -m)" = x86_64 ] || skip "the 32-bit ABI checked here is x86's"
make_busybox_rootfs "$T/root"
echo host >"$T/mark"
out=$(run_uspawn --backend=trace -D "$T/root" probe path int80-open "$T/mark")
assert_eq ENOSYS "$out" "open through int \$0x80"
# 52-byte ELF32 little-endian header: ET_EXEC (2), e_machine 3 (i386), e_version 1.
{
	printf '\177ELF\001\001\001\000\000\000\000\000\000\000\000\000'
	printf '\002\000\003\000\001\000\000\000'
	head -c 28 /dev/zero
} >"$T/root/bin/i386bin"
[ "$(wc -c <"$T/root/bin/i386bin")" = 52 ] || fail "test bug: header is not 52 bytes"
chmod 0755 "$T/root/bin/i386bin"
expect_error 126 "32-bit program" -- -q --backend=trace -D "$T/root" /bin/i386bin
assert_contains "$ERR" "32-bit x86 programs do not run under the trace backend yet" "the reason"
