#!/bin/bash
# The real 2013 Debian userland (sysvinit 2.88, EGLIBC 2.13, no /etc/os-release era tooling)
# boots with its own sysvinit as PID 1, reaches runlevel 2 running its rc scripts, logs through
# /dev/log, and halts on SIGTERM through its /dev/initctl FIFO; uspawn exits 0.
# The tarball is a partial debootstrap: the sysvinit postinst never ran, so there is no
# /etc/inittab and no rc links, and /sbin/halt is missing. The case does what the postinst and
# update-rc.d would have done, and stands in for halt with the reboot(2) call `halt -f -p` makes.
. "$(dirname "$0")/../lib/common.sh"

unpack_debian_2013 "$T/root"
cp "$T/root/usr/share/sysvinit/inittab" "$T/root/etc/inittab"
sed -i '/getty/d' "$T/root/etc/inittab" # no /dev/ttyN in a container
cat >"$T/root/etc/init.d/uspawn-test" <<'E'
#!/bin/sh
case $1 in start) echo "rc2 service ran" >/state/rc2 ;; esac
E
cat >"$T/root/etc/init.d/halt-standin" <<'E'
#!/bin/sh
echo halting >/state/halt
exec perl -e 'syscall(169, 0xfee1dead, 672274793, 0x4321fedc) == 0 or die "reboot: $!\n"'
E
chmod +x "$T/root/etc/init.d/uspawn-test" "$T/root/etc/init.d/halt-standin"
ln -s ../init.d/uspawn-test "$T/root/etc/rc2.d/S99uspawn-test"
ln -s ../init.d/halt-standin "$T/root/etc/rc0.d/S90halt"
mkdir -p "$T/state"

"$USPAWN" -D "$T/root" -M wheezy -b --bind="$T/state:/state" </dev/null >"$T/out" 2>&1 &
pid=$!
for i in $(seq 150); do [ -s "$T/state/rc2" ] && break; sleep 0.2; done
[ -s "$T/state/rc2" ] || { kill -9 $pid; fail "runlevel 2's rc script did not run: $(tail -20 "$T/out")"; }
assert_contains "$(cat "$T/out")" "uspawn: Booting sysvinit from /sbin/init." "the notice"
grep -q '^wheezy: .*init: Entering runlevel: 2' "$T/out" || fail "init's syslog line lacks the machine name: $(cat "$T/out")"
kill -TERM $pid
st=0
wait $pid || st=$?
assert_eq 0 "$st" "exit status after SIGTERM (output: $(tail -20 "$T/out"))"
assert_contains "$(cat "$T/out")" "Switching to runlevel: 0" "the halt went through /dev/initctl"
assert_eq halting "$(cat "$T/state/halt" 2>/dev/null)" "runlevel 0 ran the halt script"
