#!/bin/bash
# PATH inside is the fixed default, not the host's, and commands are looked up in it (a program
# only in /usr/local/sbin of the tree is found by name).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
want=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
assert_eq "$want" "$(PATH=/host-only:$PATH run_uspawn -D "$T/root" sh -c 'echo "$PATH"')" "PATH"
mkdir -p "$T/root/usr/local/sbin"
printf '#!/bin/sh\necho found-in-local-sbin\n' >"$T/root/usr/local/sbin/uspawn-case-tool"
chmod 755 "$T/root/usr/local/sbin/uspawn-case-tool"
assert_eq found-in-local-sbin "$(run_uspawn -D "$T/root" uspawn-case-tool)" "lookup by name"
