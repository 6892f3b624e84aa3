#!/bin/bash
# `uspawnctl shell NAME CMD` runs CMD inside the running machine: its host name, its PID 1,
# root inside, the container's environment (container=uspawn) plus root's HOME/USER/SHELL, in
# root's home, and passes CMD's exit status back (128+N for a signal). Without CMD it runs
# root's shell from the guest's /etc/passwd as a login shell.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/machines.sh"

make_busybox_rootfs "$T/root"
start_machine inside -D "$T/root" sleep 300
sh() { "$USPAWNCTL" shell inside "$@" </dev/null; }
assert_eq inside "$(sh hostname)" "hostname"
# uspawn-init PID READY-FD: the descriptor it told the command on that it runs
cmdline=$(sh cat /proc/1/cmdline | tr '\0' ' ')
[[ $cmdline =~ ^uspawn-init\ 2\ [0-9]+\ $ ]] || fail "PID 1's command line: '$cmdline'"
assert_eq 0 "$(sh id -u)" "uid inside"
assert_eq "/root" "$(sh pwd)" "working directory"
env=$(sh env)
for v in container=uspawn HOME=/root USER=root LOGNAME=root SHELL=/bin/sh; do
	grep -qx "$v" <<<"$env" || fail "$v not in the shell's environment: $env"
done
leader=$("$USPAWNCTL" list --json | jq -r '.[0].leader')
assert_eq "$(tr '\0' '\n' <"/proc/$leader/environ" | sed -n 's/^container_uuid=//p')" "$(sh sh -c 'echo $container_uuid')" "container_uuid"
assert_status 7 "exit status" -- sh sh -c 'exit 7'
assert_status 137 "killed by SIGKILL" -- sh sh -c 'kill -9 $$'
assert_status 127 "missing command" -- sh no-such-command 2>/dev/null
# the login shell: reads its commands from stdin, $0 is "-sh"
out=$(echo 'echo "$0 $(id -u)"; exit 3' | "$USPAWNCTL" shell inside) && st=0 || st=$?
assert_eq "-sh 0" "$out" "login shell"
assert_eq 3 "$st" "login shell's exit status"
