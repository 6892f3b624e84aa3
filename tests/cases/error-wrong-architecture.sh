#!/bin/bash
# An executable for another architecture (an ELF header with e_machine 183, aarch64): status 126
# and one stderr line that names the command and says aarch64. Nothing is left behind.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

[ "$(uname -m)" != aarch64 ] || skip "the host is aarch64 itself"
make_busybox_rootfs "$T/root"
# 64-byte ELF64 little-endian header: ET_EXEC (2), e_machine 183 (0xb7), e_version 1.
{
	printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000'
	printf '\002\000\267\000\001\000\000\000'
	head -c 40 /dev/zero
} >"$T/root/bin/armbin"
[ "$(wc -c <"$T/root/bin/armbin")" = 64 ] || fail "test bug: header is not 64 bytes"
chmod 0755 "$T/root/bin/armbin"
for args in "/bin/armbin" "--as-pid2=no /bin/armbin"; do
	expect_error 126 "$args" -- -q -D "$T/root" $args
	assert_contains "$ERR" /bin/armbin "error names the command"
	assert_contains "$ERR" aarch64 "error names the architecture"
done
