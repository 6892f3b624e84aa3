#!/bin/bash
# --bind-ro=SRC:DST mounts SRC read-only: reading works, writing fails with EROFS, and the host dir
# is unchanged.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/host"
echo from-host >"$T/host/in"
out=$(run_uspawn -D "$T/root" --bind-ro="$T/host:/mnt/ro" sh -c 'cat /mnt/ro/in; probe write-file /mnt/ro/out; probe write-file /mnt/ro/in; probe statfs /mnt/ro')
assert_eq "from-host" "$(sed -n 1p <<<"$out")" "read"
assert_eq "EROFS" "$(sed -n 2p <<<"$out")" "creating a file"
assert_eq "EROFS" "$(sed -n 3p <<<"$out")" "overwriting a file"
case $(sed -n 4p <<<"$out") in ro*) ;; *) fail "statfs of the bind: $(sed -n 4p <<<"$out")" ;; esac
[ ! -e "$T/host/out" ] || fail "a file appeared on the host"
assert_eq from-host "$(cat "$T/host/in")" "host file"
