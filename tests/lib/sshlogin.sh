# tests/lib/sshlogin.sh — sourced after common.sh and network.sh by the dropbear login cases: a Debian tree runs
# dropbear on the host's network under root emulation (a user without subordinate ids), the
# host logs in with OpenSSH as a user created inside, with a key made here.

# The tree at $T/root with user u (made by useradd inside, so its uid is the tree's next,
# 1000) whose ~/.ssh/authorized_keys holds the key $T/key made here, and a dropbear host key.
ssh_prepare_tree() { # [BACKEND]
	command -v ssh >/dev/null && command -v ssh-keygen >/dev/null || skip "no OpenSSH client (apt-get install openssh-client)"
	copy_owned_tree "$(bookworm_dropbear_rootfs)" "$T/root"
	ssh-keygen -q -t ed25519 -N '' -C uspawn-test -f "$T/key"
	cp "$T/key.pub" "$T/root/key.pub"
	run_uspawn ${1:+--backend=$1} -D "$T/root" sh -ec '
		useradd --create-home --shell /bin/sh u
		mkdir /home/u/.ssh
		mv /key.pub /home/u/.ssh/authorized_keys
		chown -R u:u /home/u/.ssh
		chmod 700 /home/u/.ssh; chmod 600 /home/u/.ssh/authorized_keys
		mkdir -p /etc/dropbear
		dropbearkey -t ed25519 -f /etc/dropbear/dropbear_ed25519_host_key >/dev/null 2>&1' ||
		fail "setting up user u and the host key in the tree"
}

# Start dropbear (foreground, log to stderr) in the tree on the host's network; sets SSH_PID and
# SSH_PORT; waits until it listens.
ssh_start_server() { # [BACKEND]
	SSH_PORT=$(pick_free_port)
	"$USPAWN" -q ${1:+--backend=$1} -D "$T/root" dropbear -F -E -p "127.0.0.1:$SSH_PORT" \
		-r /etc/dropbear/dropbear_ed25519_host_key </dev/null >"$T/dropbear.log" 2>&1 &
	SSH_PID=$!
	wait_listening "$SSH_PORT" "$SSH_PID" "$T/dropbear.log"
}

ssh_stop_server() {
	kill "$SSH_PID" 2>/dev/null || true
	wait "$SSH_PID" 2>/dev/null || true
}

# Run a command as u over SSH, non-interactively (SSH options before CMD: -tt for a pty).
ssh_as_u() { # [SSH-OPTION...] CMD
	ssh -i "$T/key" -p "$SSH_PORT" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
		-o LogLevel=ERROR -o ConnectTimeout=10 "${@:1:$#-1}" u@127.0.0.1 "${!#}" </dev/null
}

# The whole case: log in, check the ids and the owner of a file the session makes, in this run
# and the next, also in a session with a pty; the host sees the user's own file.
ssh_login_case() { # [BACKEND] (empty: uspawn's choice)
	local out
	ssh_prepare_tree "$1"
	ssh_start_server "$1"
	trap 'ssh_stop_server' EXIT
	out=$(ssh_as_u 'id -u; id -un; id -g; cd; touch f; stat -c %U:%G f; ls -ln .ssh/authorized_keys | cut -d" " -f3,4') ||
		fail "ssh login as u failed: $(cat "$T/dropbear.log")"
	assert_eq $'1000\nu\n1000\nu:u\n1000 1000' "$out" "id -u, id -un, id -g, owner of a file made in the session, of authorized_keys"
	assert_contains "$(cat "$T/dropbear.log")" "Pubkey auth succeeded for 'u'" "dropbear's log"
	# with a pty, as an interactive login: dropbear gives the pty to u (a chown of a devpts
	# node, which keeps no record) before it starts the shell
	out=$(ssh_as_u -tt 'id -u; tty' | tr -d '\r') || fail "ssh login with a pty as u failed: $(cat "$T/dropbear.log")"
	assert_eq $'1000\n/dev/pts/' "$(printf '%s' "$out" | sed 's|^/dev/pts/[0-9]*$|/dev/pts/|')" "id -u, tty in a pty session"
	ssh_stop_server
	trap - EXIT
	assert_eq "u:u 1000" "$(run_uspawn ${1:+--backend=$1} -D "$T/root" stat -c '%U:%G %u' /home/u/f)" "owner in a fresh run"
	[ "$(stat -c %u "$T/root/home/u/f")" = "$(id -u)" ] || fail "the file on the host is not the user's"
}
