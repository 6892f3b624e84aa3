# tests/lib/common.sh — sourced first by every tests/cases/*.sh.
# Gives a case the programs' paths, assertions, skip/fail, and ready-made root filesystems.
# Cases run under `set -euo pipefail`: a failing command fails the case (status != 0, 77), and
# fail/skip also work inside $(...) because the substitution's status stops the case.
set -euo pipefail

_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$_repo/$BUILD ;; esac
USPAWN=$BUILD/uspawn
USPAWNCTL=$BUILD/uspawnctl
PROBE=$BUILD/tests/probe
export USPAWN USPAWNCTL PROBE

# $T: the runner makes one private dir per case and cd's into it. Run by hand, a case makes its own.
if [ -z "${T:-}" ]; then
	T=$(mktemp -d "${TMPDIR:-/tmp}/uspawn-case.XXXXXX")
	trap 'rm -rf "$T" 2>/dev/null || true' EXIT
	cd "$T"
fi
export T

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }

# Name the line a bare failing command stopped the case at (not for skip's 77).
trap 's=$?; [ "$s" = 77 ] || echo "FAIL: line $LINENO: \`$BASH_COMMAND\` exited $s" >&2' ERR

assert_eq() { # EXPECTED ACTUAL WHAT
	[ "$1" = "$2" ] || fail "$3: expected '$1', got '$2'"
}
assert_contains() { # HAYSTACK NEEDLE WHAT
	case $1 in *"$2"*) ;; *) fail "$3: '$2' not in: $1" ;; esac
}
assert_not_contains() { # HAYSTACK NEEDLE WHAT
	case $1 in *"$2"*) fail "$3: '$2' unexpectedly in: $1" ;; esac
}
assert_status() { # EXPECTED WHAT -- CMD...
	local want=$1 what=$2 st=0
	shift 2
	[ "${1:-}" = -- ] && shift
	"$@" || st=$?
	[ "$st" = "$want" ] || fail "$what: expected exit status $want, got $st (from: $*)"
}

# A case written for the default backend runs under another when a twin sets BACKEND_ARGS
# (e.g. (--backend=trace)) and sources it: the same script, the kernel's answers as the oracle.
[ -n "${BACKEND_ARGS+x}" ] || BACKEND_ARGS=()
run_uspawn() { "$USPAWN" -q "${BACKEND_ARGS[@]}" "$@" </dev/null; }

# A stand-in service manager: COUNT datagrams sent to $T/notify (as $NOTIFY_SOCKET) are written
# to $T/msgs, one a line, by a background receiver ($lpid); returns once the socket exists.
listen_notify() { # COUNT
	rm -f "$T/notify" "$T/msgs"
	"$PROBE" recv-dgram "$T/notify" "$1" 8000 >"$T/msgs" &
	lpid=$!
	for _i in $(seq 50); do [ -S "$T/notify" ] && break; sleep 0.05; done
}

# Skip unless this user can map more than root: a subordinate id range in both /etc/subuid and
# /etc/subgid (by name or number; the runner gives uspawn-test one) and the newuidmap helper.
require_subordinate_range() {
	local u
	u=$(id -un)
	grep -qE "^($u|$(id -u)):" /etc/subuid && grep -qE "^($u|$(id -g)):" /etc/subgid ||
		skip "$u has no subordinate id range in /etc/subuid and /etc/subgid"
	command -v newuidmap >/dev/null || skip "newuidmap is not installed (uidmap)"
}

# require_subordinate_range, and a range of at least 65535 ids in each file, which the default
# --private-users=pick maps container ids 1..65535 to. Sets SUBUID_START and SUBGID_START.
require_full_subordinate_range() {
	local u
	require_subordinate_range
	u=$(id -un)
	SUBUID_START=$(_subrange_start /etc/subuid "$(id -u)")
	SUBGID_START=$(_subrange_start /etc/subgid "$(id -g)")
	[ -n "$SUBUID_START" ] && [ -n "$SUBGID_START" ] || skip "the subordinate range of $u is smaller than 65535 ids"
}
_subrange_start() { # FILE ID: start of this user's first line in FILE with >= 65535 ids
	awk -F: -v u="$(id -un)" -v n="$2" '($1 == u || $1 == n) && $3 >= 65535 { print $2; exit }' "$1"
}

# Skip when this user has a subordinate range: for cases about the root-only mapping, which the
# runner runs as a user without one (the "# run-as: nosub" header).
require_no_subordinate_range() {
	local u
	u=$(id -un)
	if grep -qE "^($u|$(id -u)):" /etc/subuid 2>/dev/null; then
		skip "$u has a subordinate id range; this case needs a user without one (run-as: nosub)"
	fi
}

# A BusyBox tree: applets as symlinks to /bin/busybox, users root daemon alice(1000, in staff 50)
# nobody, and the probe at /usr/local/bin/probe. Copies (not hard links: fs.protected_hardlinks
# forbids linking root's files) are ~3 MB, so this stays far below a second.
make_busybox_rootfs() { # DIR
	local r=$1 bb=/bin/busybox
	[ -x "$bb" ] && "$bb" --list-full >/dev/null 2>&1 || skip "busybox-static is not installed"
	# The dynamic busybox would need the host's libc inside the tree.
	ldd "$bb" >/dev/null 2>&1 && skip "$bb is dynamically linked (install busybox-static)"
	mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,home/alice,root,tmp,proc,sys,dev,run,var/tmp}
	chmod 1777 "$r/tmp" "$r/var/tmp"
	chmod 0700 "$r/root"
	cp "$bb" "$r/bin/busybox"
	# One perl process for ~270 symlinks instead of one ln each (perl-base is Essential).
	"$bb" --list-full | R=$r perl -ne 'chomp; next if $_ eq "bin/busybox" || !m{/};
		symlink("/bin/busybox", "$ENV{R}/$_") or $!{EEXIST} or die "$_: $!\n"'
	if [ -x "$PROBE" ]; then cp "$PROBE" "$r/usr/local/bin/probe"; fi
	cat >"$r/etc/passwd" <<-'E'
	root:x:0:0:root:/root:/bin/sh
	daemon:x:1:1:daemon:/usr/sbin:/bin/false
	alice:x:1000:1000:Alice:/home/alice:/bin/sh
	nobody:x:65534:65534:nobody:/nonexistent:/bin/false
	E
	cat >"$r/etc/group" <<-'E'
	root:x:0:
	daemon:x:1:
	staff:x:50:alice
	alice:x:1000:
	nogroup:x:65534:
	E
	echo busybox >"$r/etc/hostname"
	: >"$r/etc/resolv.conf"
	# alice's home belongs to alice inside: only possible when a subordinate range maps uid 1000,
	# so it is left to cases that need it (chown inside the container).
}

# Path of the cached Debian bookworm minbase tree handed to this user, or skip with the reason.
# Shared by every case: treat it as read-only (use --read-only when the command writes).
bookworm_rootfs() {
	debian_tree USPAWN_BOOKWORM
}

# The bookworm tree handed to a user without a subordinate range (run-as: nosub): all files
# the user's, other owners recorded in user.containers.override_stat for the root emulation.
# Shared: a case that writes copies it with copy_owned_tree (cp -a keeps the records).
bookworm_owned_rootfs() {
	debian_tree USPAWN_BOOKWORM_OWNED
}
copy_owned_tree() { # SRC DST
	cp -a "$1" "$2"
}

# The bookworm tree with sysvinit-core as /sbin/init. A booted machine writes to its tree, so a
# case copies it (cp -a, ~2 s) rather than use it in place.
bookworm_sysvinit_rootfs() {
	debian_tree USPAWN_BOOKWORM_SYSVINIT
}

# The bookworm tree with systemd as init; copy it too.
bookworm_systemd_rootfs() {
	debian_tree USPAWN_BOOKWORM_SYSTEMD
}

# Copy a cached Debian tree for a case that boots it (a booted system writes to its tree); its
# /dev nodes are neither ours to copy nor needed.
copy_debian_tree() { # SRC DST
	mkdir -p "$2"
	(cd "$1" && tar -c --exclude=./dev .) | (cd "$2" && tar -x)
	mkdir -p "$2/dev"
}

debian_tree() { # VAR
	local tree why_var=${1}_WHY
	tree=${!1:-}
	if [ -n "$tree" ] && [ -d "$tree" ]; then
		echo "$tree"
	else
		skip "${!why_var:-no such tree ($1 unset; tests/run-tests prepares it as root)}"
	fi
}

# The real 2013 Debian userland (EGLIBC 2.13, sysvinit 2.88) from shared/testdata, unpacked as
# the case's user (~2 s): a stand-in for the lenny-era trees uspawn exists for.
DEBIAN_2013_TARBALL=${USPAWN_ROOTFS_2013:-$_repo/../shared/testdata/debian-sid-2013-02-eglibc-2.13-amd64-rootfs.tar.xz}
unpack_debian_2013() { # DIR
	[ -r "$DEBIAN_2013_TARBALL" ] || skip "the 2013 rootfs tarball is missing: $DEBIAN_2013_TARBALL (set USPAWN_ROOTFS_2013)"
	mkdir -p "$1"
	tar -xJf "$DEBIAN_2013_TARBALL" -C "$1"
}

[ -x "$USPAWN" ] || fail "$USPAWN not built (make all)"

# make check-trace: uspawn and uspawnctl run under `probe deny-userns` (user namespaces refused as
# in Docker's default profile), so --backend=auto takes the trace backend. A case that needs what
# only user namespaces give is listed in tests/check-trace-skip (GLOB REASON) and skips here.
# make check-trace-fallbacks adds hide-notify (no seccomp user notification: the trace backend's
# RET_TRACE-only path) or hide-seccomp (no seccomp filters: plain ptrace); USPAWN_SIMULATE holds
# the words, the wrappers nest in that order.
# The runner's set-user-ID copy of the probe (as root) leaves no_new_privs unset; without it, the
# lines of tests/check-trace-skip marked nnp: (set-user-ID helpers needed) skip too.
_probe=$PROBE
[ -u "${USPAWN_PROBE_SUID:-}" ] && _probe=$USPAWN_PROBE_SUID
_sim_chain=
for _w in ${USPAWN_SIMULATE:-}; do
	case $_w in
	deny-userns | hide-notify | hide-seccomp) _sim_chain="$_sim_chain \"$_probe\" $_w --" ;;
	*) fail "USPAWN_SIMULATE: unknown word '$_w' (deny-userns, hide-notify, hide-seccomp)" ;;
	esac
done
if [ -n "$_sim_chain" ]; then
	_case=$(basename "$0" .sh)
	while read -r _glob _why; do
		case $_glob in '#'* | '') continue ;; esac
		case $_glob in
		nnp:*) # under any of the wrappers
			[ "$_probe" != "$PROBE" ] && continue
			_glob=${_glob#nnp:} _why="the wrappers set no_new_privs: $_why" ;;
		*) case " $USPAWN_SIMULATE " in *" deny-userns "*) ;; *) continue ;; esac
			_why="user namespaces refused (check-trace): $_why" ;;
		esac
		# shellcheck disable=SC2254
		case $_case in $_glob) skip "$_why" ;; esac
	done <"$_repo/tests/check-trace-skip"
fi
case " ${USPAWN_SIMULATE:-} " in
*" hide-notify "* | *" hide-seccomp "*)
	case $(basename "$0" .sh) in
	trace-*differential-*) skip "the userns backend it compares with runs under the same wrapper" ;;
	trace-vsyscall-emulated) case " $USPAWN_SIMULATE " in *" hide-seccomp "*)
		skip "without seccomp filters the trace backend does not emulate vsyscall (plain ptrace)" ;; esac ;;
	esac
	;;
esac
if [ -n "$_sim_chain" ]; then
	[ -x "$PROBE" ] || fail "$PROBE not built (make check-trace builds it)"
	mkdir -p "$T/.simulate"
	for _p in uspawn uspawnctl; do
		printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$_sim_chain" "$BUILD/$_p" >"$T/.simulate/$_p"
		chmod +x "$T/.simulate/$_p"
	done
	USPAWN=$T/.simulate/uspawn USPAWNCTL=$T/.simulate/uspawnctl
	export USPAWN USPAWNCTL
fi

# A BusyBox tree that boots: /etc/inittab runs ONCE (a shell command) after a sysinit echo, and
# a shutdown action that records itself in /state (bind $T/state there). Used by boot-* cases.
make_bootable_busybox_rootfs() { # DIR ONCE-COMMAND
	make_busybox_rootfs "$1"
	mkdir -p "$T/state"
	cat >"$1/etc/inittab" <<-E
	::sysinit:/bin/echo sysinit-ran
	::once:/bin/sh -c '$2'
	::shutdown:/bin/sh -c 'echo shutdown-ran; echo yes >/state/shutdown'
	E
}

# bookworm with Debian's dropbear SSH server (dropbear-bin), owners recorded, for a user
# without a subordinate range (run-as: nosub); copy it with copy_owned_tree before writing.
bookworm_dropbear_rootfs() {
	debian_tree USPAWN_BOOKWORM_DROPBEAR
}
