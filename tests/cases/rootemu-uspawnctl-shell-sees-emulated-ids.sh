#!/bin/bash
# run-as: nosub
# `uspawnctl shell` into a machine under root emulation (only root mapped) runs under the same
# emulation as the machine's own processes: the owners recorded in the tree show (su, shadow),
# su drops to nobody and the file it makes is nobody's, chown records, and a file made in the
# shell is seen so by the machine's processes.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/machines.sh"
require_no_subordinate_range

copy_owned_tree "$(bookworm_owned_rootfs)" "$T/root"
# what the machine's own processes see
want=$(run_uspawn -D "$T/root" stat -c '%n %U:%G' /usr/bin/su /etc/shadow /var/mail)
start_machine emu -D "$T/root" sleep 300
sh() { "$USPAWNCTL" shell emu "$@" </dev/null 2>/dev/null; }
assert_eq "$want" "$(sh stat -c '%n %U:%G' /usr/bin/su /etc/shadow /var/mail)" "recorded owners in the shell"
out=$(sh su -s /bin/sh nobody -c 'id -u; id -g; touch /var/tmp/by-nobody; stat -c %U:%G /var/tmp/by-nobody')
assert_eq $'65534\n65534\nnobody:nogroup' "$out" "su to nobody in the shell, and the file it makes"
out=$(sh sh -c 'touch /var/tmp/f && chown daemon:mail /var/tmp/f && stat -c %U:%G /var/tmp/f; grep ^Groups: /proc/self/status')
assert_eq $'daemon:mail\nGroups:\t ' "$out" "chown in the shell; root's groups as the machine's"
"$USPAWNCTL" terminate emu >/dev/null 2>&1 || true
wait "$PID" 2>/dev/null || true
assert_eq $'daemon:mail\nnobody:nogroup' "$(run_uspawn -D "$T/root" stat -c %U:%G /var/tmp/f /var/tmp/by-nobody)" \
	"what the shell did, seen by the machine's processes in the next run"
