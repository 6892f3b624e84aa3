#!/bin/bash
# /dev/fd -> /proc/self/fd and /dev/stdin|stdout|stderr -> /proc/self/fd/0|1|2, and they work.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" sh -c 'for l in fd stdin stdout stderr; do readlink /dev/$l; done')
assert_eq "/proc/self/fd /proc/self/fd/0 /proc/self/fd/1 /proc/self/fd/2" "$(paste -sd' ' <<<"$out")" "links"
assert_eq via-stdout "$(run_uspawn -D "$T/root" sh -c 'echo via-stdout >/dev/stdout')" "writing /dev/stdout"
assert_eq via-stderr "$(run_uspawn -D "$T/root" sh -c 'echo via-stderr >/dev/stderr' 2>&1 >/dev/null)" "writing /dev/stderr"
assert_eq via-fd "$(run_uspawn -D "$T/root" sh -c 'echo via-fd >/dev/fd/1')" "writing /dev/fd/1"
assert_eq from-stdin "$("$USPAWN" -q -D "$T/root" cat /dev/stdin <<<from-stdin)" "reading /dev/stdin"
