#!/bin/bash
# run-as: nosub
# Differential check of the two root emulations: the same script of id, chown, mknod, su and
# stat in a Debian tree prints the same under --backend=userns with root emulation (seccomp
# user notification, only root mapped) and under --backend=trace (ptrace, no namespace).
. "$(dirname "$0")/../lib/common.sh"
require_no_subordinate_range

src=$(bookworm_owned_rootfs)
"$USPAWNCTL" check --json | jq -e .userns.ok >/dev/null 2>&1 || skip "user namespaces unavailable: no oracle"
cat >"$T/diff.sh" <<'E'
set -e
id; id -u nobody
grep -E '^(Uid|Gid|Groups):' /proc/self/status
mkdir -p /var/w && cd /var/w
touch f g && chown 33:44 f && chown daemon: g && mkdir d && chown 1000:50 d && chmod 2775 d
ln -s f l && chown -h 5:5 l 2>&1 || true
mknod null c 1 3 && mknod sda b 8 0 && mknod p p
cp /usr/bin/id sid && chown 1:1 sid && chmod 4755 sid
ls -ln | sed 1d | awk '{print $1, $3, $4, $5, $6, $NF}'
stat -c '%n %u:%g %U:%G %F %t:%T %a' f g d null sda p sid /usr/bin/su /etc/shadow /
su -s /bin/sh nobody -c 'id; touch /var/w/n; mkdir /var/w/nd; ./sid -u; grep -E "^(Uid|Gid|Groups):" /proc/self/status'
stat -c '%n %u:%g' n nd
find /var/w -user 0 | sort; find /var/w -uid 65534 | sort
cd / && rm -r /var/w
E
copy_owned_tree "$src" "$T/a"
copy_owned_tree "$src" "$T/b"
cp "$T/diff.sh" "$T/a/diff.sh"
cp "$T/diff.sh" "$T/b/diff.sh"
# stderr not compared: the userns backend relays /dev/log (su logs there), the trace one does not
a=$(run_uspawn --backend=userns --emulate-ids=yes -D "$T/a" sh /diff.sh)
b=$(run_uspawn --backend=trace -D "$T/b" sh /diff.sh)
assert_eq "$a" "$b" "trace backend's fake root against the userns root emulation"
assert_contains "$a" "null 0:0 root:root character special file 1:3" "the oracle itself"
