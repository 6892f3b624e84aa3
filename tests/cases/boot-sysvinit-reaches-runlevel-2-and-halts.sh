#!/bin/bash
# A Debian bookworm tree with sysvinit (the closest stand-in we can build for lenny's sysvinit)
# boots to runlevel 2 as an ordinary user's container, its init's syslog lines come out through
# /dev/log, and SIGTERM to uspawn halts it cleanly through an initctl runlevel-0 request (SIGINT
# would run the inittab's ctrlaltdel *reboot*): runlevel 0 is entered and uspawn exits 0.
. "$(dirname "$0")/../lib/common.sh"

src=$(bookworm_sysvinit_rootfs)
copy_debian_tree "$src" "$T/root"
"$USPAWN" -D "$T/root" -M sysv -b </dev/null >"$T/out" 2>&1 &
pid=$!
for i in $(seq 150); do grep -q "Entering runlevel: 2" "$T/out" && break; sleep 0.2; done
grep -q "Entering runlevel: 2" "$T/out" || { kill -9 $pid; fail "runlevel 2 not reached: $(tail -20 "$T/out")"; }
assert_contains "$(cat "$T/out")" "uspawn: Booting sysvinit from /sbin/init." "the notice"
grep -q '^sysv: .*init: Entering runlevel: 2' "$T/out" || fail "init's syslog line lacks the machine name"
kill -TERM $pid
st=0
wait $pid || st=$?
assert_eq 0 "$st" "exit status after SIGTERM (output: $(tail -20 "$T/out"))"
assert_contains "$(cat "$T/out")" "Switching to runlevel: 0" "the halt went through initctl"
assert_not_contains "$(cat "$T/out")" "runlevel: 6" "no reboot"
