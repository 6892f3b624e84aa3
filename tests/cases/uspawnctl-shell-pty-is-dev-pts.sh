#!/bin/bash
# On a terminal, `uspawnctl shell` gives the command a pty of the machine's own devpts as its
# controlling terminal (so `tty` says /dev/pts/N inside), relays what is typed and printed, and
# returns the command's status.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/pty.sh"
. "$(dirname "$0")/../lib/machines.sh"

make_busybox_rootfs "$T/root"
start_machine pty -D "$T/root" sleep 300
out=$(in_pty "$USPAWNCTL" shell pty tty)
[[ $out =~ ^/dev/pts/[0-9]+$ ]] || fail "tty inside: $out"
assert_eq "0=$out 1=$out 2=$out" "$(in_pty "$USPAWNCTL" shell pty probe ttyname)" "stdio on the pty"
assert_eq ok "$(in_pty "$USPAWNCTL" shell pty sh -c ': >/dev/tty && echo ok')" "controlling terminal"
st=0
in_pty "$USPAWNCTL" shell pty sh -c 'exit 4' >/dev/null || st=$?
assert_eq 4 "$st" "exit status through the pty"
typer() { nap 0.5; printf 'echo typed-$((6*7))\n'; nap 0.3; printf 'exit 9\n'; nap 5; }
st=0
out=$(in_pty_typing typer "$USPAWNCTL" shell pty) || st=$?
assert_contains "$out" "typed-42" "typed command's output"
assert_eq 9 "$st" "interactive shell's exit status"
