#!/bin/bash
# --read-only mounts the root read-only: creating or changing files in the tree fails with EROFS
# and the tree is unchanged.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" --read-only sh -c 'probe write-file /newfile; probe write-file /etc/passwd; probe statfs /')
assert_eq EROFS "$(sed -n 1p <<<"$out")" "creating /newfile"
assert_eq EROFS "$(sed -n 2p <<<"$out")" "rewriting /etc/passwd"
case $(sed -n 3p <<<"$out") in "ro"*) ;; *) fail "statfs /: $(sed -n 3p <<<"$out")" ;; esac
[ ! -e "$T/root/newfile" ] || fail "/newfile appeared in the tree"
grep -q '^alice:' "$T/root/etc/passwd" || fail "/etc/passwd changed"
# Without --read-only the same write works (so the EROFS is the option's doing).
assert_eq ok "$(run_uspawn -D "$T/root" probe write-file /newfile)" "write without --read-only"
