#!/bin/bash
# uspawn-loader is not glibc's: a dynamic musl program (tests/vsys built with musl-gcc, whose
# PT_INTERP is musl's libc, /lib/ld-musl-x86_64.so.1) runs under --backend=trace in a BusyBox
# tree holding musl's loader, started through uspawn-loader with AT_BASE pointing at musl.
. "$(dirname "$0")/../lib/common.sh"

musl_ld=/lib/ld-musl-x86_64.so.1
[ -x "$BUILD/tests/vsys-musl" ] || skip "no musl build of tests/vsys (apt-get install musl-tools; make $BUILD/tests/vsys-musl)"
[ -r "$musl_ld" ] || skip "$musl_ld is missing (apt-get install musl)"
make_busybox_rootfs "$T/root"
mkdir -p "$T/root/lib"
cp -L "$musl_ld" "$T/root/lib/"
cp "$BUILD/tests/vsys-musl" "$T/root/usr/local/bin/"
out=$(USPAWN_LOG_LEVEL=debug run_uspawn --backend=trace -D "$T/root" /bin/sh -c 'vsys-musl check; echo status=$?' 2>"$T/err")
assert_contains "$out" "vsys: OK" "the musl program's own check"
assert_contains "$out" "status=0" "its exit status"
assert_contains "$(cat "$T/err")" "Dynamic programs run through" "through uspawn-loader"
