#!/bin/bash
# /dev/pts is a private devpts instance (no host ptys listed) and /dev/ptmx -> pts/ptmx opens it:
# a pty can be allocated inside (script/openpty via busybox is not needed: opening ptmx is).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
out=$(run_uspawn -D "$T/root" sh -c 'probe statfs /dev/pts; readlink /dev/ptmx; ls -A /dev/pts | paste -sd" "; stat -c %a /dev/pts/ptmx; exec 3<>/dev/ptmx && echo opened')
assert_eq devpts "$(sed -n 1p <<<"$out" | awk '{ print $2 }')" "filesystem at /dev/pts"
assert_eq pts/ptmx "$(sed -n 2p <<<"$out")" "/dev/ptmx link"
assert_eq ptmx "$(sed -n 3p <<<"$out")" "entries of /dev/pts (a new instance: no ptys yet)"
assert_eq 666 "$(sed -n 4p <<<"$out")" "mode of /dev/pts/ptmx (ptmxmode=0666)"
assert_eq opened "$(sed -n 5p <<<"$out")" "opening /dev/ptmx"
