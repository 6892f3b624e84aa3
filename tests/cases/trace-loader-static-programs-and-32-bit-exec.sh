#!/bin/bash
# Under --backend=trace a static program (BusyBox) is executed directly, without the loader:
# its cmdline and /proc/self/exe are its own. A 32-bit x86 program executed from inside fails
# as on a host without 32-bit support (the shell reports it, the tracer goes on) and uspawn
# says once why.
. "$(dirname "$0")/../lib/common.sh"

[ "$(uname -m)" = x86_64 ] || skip "the 32-bit ABI checked here is x86's"
make_busybox_rootfs "$T/root"
out=$(run_uspawn --backend=trace -D "$T/root" /bin/sh -c 'cat /proc/self/cmdline | tr "\0" " "; echo; readlink /proc/self/exe')
assert_eq "cat /proc/self/cmdline 
/bin/busybox" "$out" "a static program's cmdline and exe"

# 52-byte ELF32 little-endian header: ET_EXEC (2), e_machine 3 (i386), e_version 1.
{
	printf '\177ELF\001\001\001\000\000\000\000\000\000\000\000\000'
	printf '\002\000\003\000\001\000\000\000'
	head -c 28 /dev/zero
} >"$T/root/bin/i386bin"
chmod 0755 "$T/root/bin/i386bin"
st=0
out=$("$USPAWN" -q --backend=trace -D "$T/root" /bin/sh -c '/bin/i386bin; /bin/i386bin; echo alive' \
	</dev/null 2>"$T/err") || st=$?
assert_eq 0 "$st" "uspawn's status"
assert_contains "$out" alive "the shell went on"
assert_eq 1 "$(grep -c 'i386bin: it is not an x86_64 program' "$T/err")" "one warning naming the program (stderr: $(cat "$T/err"))"
