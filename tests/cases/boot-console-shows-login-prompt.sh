#!/bin/bash
# Booted on a terminal, the guest's console is the user's terminal: BusyBox init's getty on
# /dev/console prints its login prompt there, what the user types reaches it (the name, then a
# shell whose controlling terminal is the console), and ^]^]^] ends the container.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/pty.sh"

make_busybox_rootfs "$T/root"
cat >"$T/root/etc/inittab" <<'E'
::respawn:/sbin/getty -l /bin/login-without-password -L 0 console vt100
E
printf '#!/bin/sh\nfor a; do u=$a; done\necho "welcome, $u"\nexec /bin/sh\n' >"$T/root/bin/login-without-password"
chmod +x "$T/root/bin/login-without-password"
typing() {
	nap 2
	printf 'root\r'
	nap 1
	printf 'echo "inside $(hostname) on $(tty)"\r'
	nap 1
	printf '\035\035\035'
	nap 5
}
st=0
out=$(in_pty_typing typing "$USPAWN" -D "$T/root" -M console-box -b) || st=$?
assert_contains "$out" "Booting BusyBox init from /sbin/init" "the notice"
assert_contains "$out" "console-box login:" "getty's prompt"
assert_contains "$out" "welcome, root" "the name typed at the prompt"
assert_contains "$out" "inside console-box on /dev/console" "the shell started by getty on the console"
assert_contains "$out" "terminated by ^]^]^]" "the way out"
[ "$st" != 0 ] || fail "a container killed with ^]^]^] exited 0"
