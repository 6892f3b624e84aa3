#!/bin/bash
# run-as: nosub
# In the real 2013 Debian userland (EGLIBC 2.13: its programs call __lxstat64 and friends, which
# glibc 2.33 replaced), the injected fast path shows recorded owners: after a chown inside, ls -ln
# and stat show the owner, as they do with the fast path off. (The tree has no /etc/passwd:
# numbers only.)
. "$(dirname "$0")/../lib/common.sh"
require_no_subordinate_range

unpack_debian_2013 "$T/old"
run() { run_uspawn -D "$T/old" "$@"; }
run /bin/bash -c 'touch /var/f && chown 1:50 /var/f && mkdir /var/d && chown 33:33 /var/d' || fail "chown inside"
script='ls -ln /var/f; ls -lnd /var/d; stat -c "%u:%g" /var/f /var/d; find /var -maxdepth 1 -printf "%p %U:%G\n"'
fast=$(run /bin/bash -c "$script") || fail "listing with the fast path"
slow=$(USPAWN_IDS_FASTPATH=0 run /bin/bash -c "$script") || fail "listing without the fast path"
assert_eq "$slow" "$fast" "the fast path against the supervisor"
assert_contains "$fast" " 1 50 " "ls -ln of a chown'd file"
assert_contains "$fast" " 33 33 " "ls -lnd of a chown'd directory"
assert_contains "$fast" $'1:50\n33:33' "stat"
assert_contains "$fast" "/var/d 33:33" "find -printf"
# the shim was loaded into this era's programs
assert_contains "$(run /bin/cat /proc/self/maps)" "/run/host/uspawn/libuspawn-ids.so" "the preload"
