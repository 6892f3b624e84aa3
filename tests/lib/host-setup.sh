# tests/lib/host-setup.sh — sourced by tests/run-tests, tests/bench/run and tools/demo.
# Owns what needs root on the host: the test users, device modes, the Debian fixture, and
# dropping privileges. The product is never run as root: everything ends in hs_drop.

# USPAWN_TEST_USER lets parallel runs (several worktrees) use users of their own: the runner
# ends every process of its user that a case leaves behind.
HS_USER=${USPAWN_TEST_USER:-uspawn-test}        # has a subordinate id range: the normal case
HS_NOSUB=${USPAWN_TEST_NOSUB_USER:-uspawn-nosub} # has none: uspawn must fall back to the single mapping
HS_RANGE_START=200000      # used only when useradd did not already allocate a range
HS_RANGE_COUNT=65536
HS_CACHE=/var/tmp/uspawn-cache

hs_log() { echo "uspawn-setup: $*" >&2; }

# First subordinate range of a user as "START COUNT" (by name or uid, as shadow accepts both).
hs_subrange() { # USER FILE
	local uid
	uid=$(id -u "$1" 2>/dev/null) || return 1
	awk -F: -v n="$1" -v u="$uid" '($1 == n || $1 == u) && $3 > 0 { print $2, $3; exit }' "$2"
}

hs_ensure_users() {
	local u
	for u in "$HS_USER" "$HS_NOSUB"; do
		if ! id -u "$u" >/dev/null 2>&1; then
			useradd --create-home --shell /bin/bash --comment "uspawn tests" "$u"
			hs_log "created user $u"
		fi
	done
	# useradd allocates a range on its own when login.defs has SUB_UID_COUNT; add one only when absent.
	if [ -z "$(hs_subrange "$HS_USER" /etc/subuid)" ] || [ -z "$(hs_subrange "$HS_USER" /etc/subgid)" ]; then
		local end=$((HS_RANGE_START + HS_RANGE_COUNT - 1))
		usermod --add-subuids "$HS_RANGE_START-$end" --add-subgids "$HS_RANGE_START-$end" "$HS_USER"
		hs_log "gave $HS_USER subordinate ids $HS_RANGE_START-$end"
	fi
	# The no-range user must really have none, whatever useradd allocated.
	local nuid
	nuid=$(id -u "$HS_NOSUB")
	if grep -qE "^($HS_NOSUB|$nuid):" /etc/subuid /etc/subgid 2>/dev/null; then
		sed -i -E "/^($HS_NOSUB|$nuid):/d" /etc/subuid /etc/subgid
		hs_log "removed subordinate ids of $HS_NOSUB"
	fi
	# Prove newuidmap accepts the range, so a failure later is uspawn's and not the host's.
	local r
	read -r r _ < <(hs_subrange "$HS_USER" /etc/subuid)
	if ! hs_drop "$HS_USER" unshare --map-root-user --map-users="$r,1,$HS_RANGE_COUNT" \
		--map-groups="$r,1,$HS_RANGE_COUNT" true 2>/dev/null; then
		hs_log "warning: newuidmap refuses $HS_USER's range $r (is uidmap installed, setuid?)"
	fi
}

# Debian ships /dev/fuse and /dev/net/tun 0666; some CI hosts make them root-only.
hs_fix_devices() {
	local d
	for d in /dev/fuse /dev/net/tun; do
		[ -c "$d" ] || continue
		if [ "$(stat -c %a "$d")" != 666 ]; then
			chmod 0666 "$d"
			hs_log "restored Debian's mode 0666 on $d (was root-only)"
		fi
	done
}

# A directory on a filesystem with reflinks (FICLONE), for the clone cases: most hosts' /home and
# /var/tmp are ext4, which has none. A sparse 512 MB XFS image in the cache, loop-mounted once
# and kept mounted (a fixture, like the debootstrap trees); each user gets a directory of its
# own. Sets USPAWN_REFLINK_DIR, or USPAWN_REFLINK_DIR_WHY when the host cannot.
hs_reflink_dir() { # USER
	local img=$HS_CACHE/reflink-xfs.img mnt=/var/tmp/uspawn-reflink why=
	if ! command -v mkfs.xfs >/dev/null; then
		why="no mkfs.xfs (apt-get install xfsprogs) to make a filesystem with reflinks"
	elif ! mountpoint -q "$mnt"; then
		mkdir -p "$HS_CACHE" "$mnt"
		if [ ! -f "$img" ]; then
			truncate -s 512M "$img.tmp" && mkfs.xfs -q -m reflink=1 "$img.tmp" && mv "$img.tmp" "$img" ||
				why="mkfs.xfs -m reflink=1 failed"
		fi
		[ -n "$why" ] || mount -o loop "$img" "$mnt" 2>/dev/null ||
			why="cannot loop-mount $img (no loop devices on this host?)"
		[ -n "$why" ] || hs_log "mounted an XFS image with reflinks at $mnt for the clone cases"
	fi
	if [ -z "$why" ]; then
		mkdir -p "$mnt/$1" && chown "$1:" "$mnt/$1" && chmod 0700 "$mnt/$1"
		USPAWN_REFLINK_DIR=$mnt/$1
	fi
	USPAWN_REFLINK_DIR_WHY=$why
	export USPAWN_REFLINK_DIR USPAWN_REFLINK_DIR_WHY
}

# A cgroup v2 subtree delegated to USER, the way systemd's user manager delegates one
# (Delegate=yes): the directory and its cgroup.procs, cgroup.threads and cgroup.subtree_control
# belong to the user. Prints its path; prints nothing when the host has no cgroup v2.
hs_delegate_cgroup() { # USER
	local mnt dir
	mnt=$(awk '$9 == "cgroup2" { print $5; exit }' FS=' ' /proc/self/mountinfo 2>/dev/null)
	[ -n "$mnt" ] || mnt=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	[ -n "$mnt" ] && [ -w "$mnt/cgroup.procs" ] || return 0
	dir=$mnt/uspawn-$1.delegate
	mkdir -p "$dir" 2>/dev/null || return 0
	chown "$1:" "$dir" "$dir/cgroup.procs" "$dir/cgroup.threads" "$dir/cgroup.subtree_control" 2>/dev/null || return 0
	echo "$dir"
}

# The bookworm mirror apt uses: one-line sources.list first, then deb822 .sources stanzas.
hs_mirror() {
	local m
	m=$(awk '$1 == "deb" && / bookworm( |$)/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' \
		/etc/apt/sources.list 2>/dev/null)
	[ -n "$m" ] || m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v RS= '
		/Suites:[^\n]*[ \t]bookworm([ \t\n]|$)/ && match($0, /URIs:[ \t]*[^ \t\n]+/) {
			u = substr($0, RSTART, RLENGTH); sub(/URIs:[ \t]*/, "", u); print u; exit }')
	echo "${m:-http://deb.debian.org/debian}"
}

# Cache key: anything that changes what debootstrap would produce.
hs_debian_key() { # EXTRA-DEBOOTSTRAP-ARGS
	local v
	v=$(dpkg-query -W -f='${Version}' debootstrap 2>/dev/null)
	printf 'bookworm minbase %s %s %s' "$(hs_mirror)" "$v" "$1" | sha256sum | cut -c1-12
}

# Shift owners podman-style: 0 -> USER, N>0 -> range start + N - 1. chown clears set-id bits,
# so put the mode back afterwards (symlinks have none).
hs_shift_tree() { # DIR UID SUBUID_START GID SUBGID_START
	find "$1" -print0 | U=$2 SU=$3 G=$4 SG=$5 perl -0 -MPOSIX -ne '
		chomp; my @s = lstat($_) or die "$_: $!\n";
		my $u = $s[4] == 0 ? $ENV{U} : $ENV{SU} + $s[4] - 1;
		my $g = $s[5] == 0 ? $ENV{G} : $ENV{SG} + $s[5] - 1;
		POSIX::lchown($u, $g, $_) or die "lchown $_: $!\n";
		chmod($s[2] & 07777, $_) if ($s[2] & 06000) && !-l _;'
}

# Sets $VAR (the tree handed to USER) or ${VAR}_WHY (why there is none). As root: debootstraps
# bookworm minbase (plus EXTRA debootstrap arguments) once into the cache, keyed by its inputs,
# then makes USER's copy once with HAND_OUT (hs_hand_out: owners shifted into the subordinate
# range; hs_hand_out_owned: owners recorded, for a user without one).
hs_debian() { # VAR USER NAME EXTRA [HAND_OUT]
	local var=$1 user=$2 name=$3 extra=$4 hand_out=${5:-hs_hand_out} key base tree why=
	key=$(hs_debian_key "$extra")
	base=$HS_CACHE/$name-$key
	tree=$base-$user
	if [ ! -d "$tree" ] && [ "$(id -u)" -ne 0 ]; then
		why="no $name tree handed to $user at $tree (run the tests as root once to debootstrap it)"
	elif [ ! -d "$tree" ]; then
		why=$(hs_debootstrap "$base" "$extra") && why=$("$hand_out" "$base" "$tree" "$user")
	fi
	[ -z "$why" ] || tree=
	printf -v "$var" '%s' "$tree"
	printf -v "${var}_WHY" '%s' "$why"
	export "$var" "${var}_WHY"
}

# Prints nothing on success, the reason on failure. Built under a temporary name and renamed:
# never half a tree under the final name.
hs_debootstrap() { # BASE EXTRA
	local base=$1 tmp mirror
	[ -d "$base" ] && return 0
	mkdir -p "$HS_CACHE"
	chmod 0755 "$HS_CACHE"
	mirror=$(hs_mirror)
	tmp=$(mktemp -d "$base.tmp.XXXXXX")
	hs_log "debootstrap --variant=minbase $2 bookworm from $mirror (once, ~30 s)"
	# shellcheck disable=SC2086 # EXTRA is a list of options
	if ! debootstrap --variant=minbase $2 bookworm "$tmp" "$mirror" >"$tmp.log" 2>&1; then
		echo "debootstrap bookworm from $mirror failed: $(tail -n1 "$tmp.log")"
		hs_log "debootstrap failed: $(tail -n1 "$tmp.log")"
		rm -rf "$tmp" "$tmp.log"
		return 1
	fi
	rm -f "$tmp.log"
	chmod 0755 "$tmp"
	mv -T "$tmp" "$base"
}

hs_hand_out() { # BASE TREE USER
	local base=$1 tree=$2 user=$3 uid gid su sg tmp
	uid=$(id -u "$user") gid=$(id -g "$user")
	read -r su _ < <(hs_subrange "$user" /etc/subuid)
	read -r sg _ < <(hs_subrange "$user" /etc/subgid)
	if [ -z "$su" ] || [ -z "$sg" ]; then
		echo "$user has no subordinate id range to own a Debian tree"
		return 1
	fi
	tmp=$(mktemp -d "$tree.tmp.XXXXXX")
	cp -a "$base/." "$tmp/"
	hs_shift_tree "$tmp" "$uid" "$su" "$gid" "$sg"
	chmod 0755 "$tmp"
	mv -T "$tmp" "$tree"
	hs_log "handed $(basename "$base") to $user: $tree"
}

hs_bookworm() { # USER
	hs_debian USPAWN_BOOKWORM "$1" bookworm-minbase ""
}

# The bookworm tree for a user without a subordinate range (root emulation cases): every file
# is the user's (= root inside), and the owners it cannot have are recorded where uspawn's root
# emulation reads them, in user.containers.override_stat (uid:gid:perm:type). /dev is left empty.
hs_hand_out_owned() { # BASE TREE USER
	local base=$1 tree=$2 uid gid tmp
	uid=$(id -u "$3") gid=$(id -g "$3")
	tmp=$(mktemp -d "$tree.tmp.XXXXXX")
	cp -a "$base/." "$tmp/"
	find "$tmp/dev" -mindepth 1 -delete
	find "$tmp" -print0 | U=$uid G=$gid perl -0 -MPOSIX -ne '
		chomp; my @s = lstat($_) or die "$_: $!\n";
		if (($s[4] || $s[5]) && (-f _ || -d _)) {
			my $v = sprintf("%d:%d:%04o:%s", $s[4], $s[5], $s[2] & 07777, -d _ ? "dir" : "file");
			system("setfattr", "-n", "user.containers.override_stat", "-v", $v, $_) == 0 or die "setfattr $_\n";
		}
		POSIX::lchown($ENV{U}, $ENV{G}, $_) or die "lchown $_: $!\n";
		chmod($s[2] & 07777, $_) if ($s[2] & 06000) && !-l _;'
	chmod 0755 "$tmp"
	mv -T "$tmp" "$tree"
	hs_log "handed $(basename "$base") to $3 with recorded owners: $tree"
}

hs_bookworm_owned() { # USER
	hs_debian USPAWN_BOOKWORM_OWNED "$1" bookworm-minbase "" hs_hand_out_owned
}

# bookworm with Debian's dropbear SSH server (dropbear-bin), for the login case under root
# emulation: the tree a user without subordinate ids gets, owners recorded.
hs_bookworm_dropbear_owned() { # USER
	hs_debian USPAWN_BOOKWORM_DROPBEAR "$1" bookworm-dropbear "--include=dropbear-bin" hs_hand_out_owned
}

# bookworm with systemd as init (and dbus, which its units expect).
hs_bookworm_systemd() { # USER
	hs_debian USPAWN_BOOKWORM_SYSTEMD "$1" bookworm-systemd "--include=systemd,systemd-sysv,dbus"
}

# bookworm with sysvinit as /sbin/init: the closest stand-in we can build for lenny's sysvinit.
hs_bookworm_sysvinit() { # USER
	hs_debian USPAWN_BOOKWORM_SYSVINIT "$1" bookworm-sysvinit "--include=sysvinit-core"
}

# HS_DROP=(argv prefix running a command as USER with a clean environment plus what the harness
# passes on: PATH, BUILD, the bookworm tree; setpriv --reset-env sets HOME USER LOGNAME SHELL).
hs_drop_argv() { # USER
	HS_DROP=(setpriv --reuid "$1" --regid "$1" --init-groups --reset-env
		env PATH="$PATH" BUILD="${BUILD:-build}"
		USPAWN_BOOKWORM="${USPAWN_BOOKWORM:-}" USPAWN_BOOKWORM_WHY="${USPAWN_BOOKWORM_WHY:-}"
		USPAWN_BOOKWORM_SYSVINIT="${USPAWN_BOOKWORM_SYSVINIT:-}"
		USPAWN_BOOKWORM_SYSVINIT_WHY="${USPAWN_BOOKWORM_SYSVINIT_WHY:-}"
		USPAWN_BOOKWORM_SYSTEMD="${USPAWN_BOOKWORM_SYSTEMD:-}"
		USPAWN_BOOKWORM_SYSTEMD_WHY="${USPAWN_BOOKWORM_SYSTEMD_WHY:-}"
		USPAWN_REFLINK_DIR="${USPAWN_REFLINK_DIR:-}" USPAWN_REFLINK_DIR_WHY="${USPAWN_REFLINK_DIR_WHY:-}"
		USPAWN_BOOKWORM_OWNED="${USPAWN_BOOKWORM_OWNED:-}"
		USPAWN_BOOKWORM_OWNED_WHY="${USPAWN_BOOKWORM_OWNED_WHY:-}"
		USPAWN_BOOKWORM_DROPBEAR="${USPAWN_BOOKWORM_DROPBEAR:-}"
		USPAWN_BOOKWORM_DROPBEAR_WHY="${USPAWN_BOOKWORM_DROPBEAR_WHY:-}")
}
hs_drop() { # USER CMD...
	hs_drop_argv "$1"
	shift
	"${HS_DROP[@]}" "$@"
}

# Everything a root-started harness does before running anything as the test user.
hs_setup_root() {
	hs_ensure_users
	hs_fix_devices
	hs_bookworm "$HS_USER"
	hs_bookworm_sysvinit "$HS_USER"
	hs_bookworm_systemd "$HS_USER"
	hs_reflink_dir "$HS_USER"
	hs_bookworm_owned "$HS_NOSUB"
	hs_bookworm_dropbear_owned "$HS_NOSUB"
}

# rm -rf that also works as a non-root user on files a container left owned by subordinate ids:
# retry inside a user namespace mapping the user to root and the range to 1.. (podman unshare).
hs_rm_tree() { # DIR
	rm -rf "$1" 2>/dev/null && return 0
	local s c
	read -r s c < <(hs_subrange "$(id -un)" /etc/subuid) || true
	[ -n "${s:-}" ] && unshare --map-root-user --map-users="$s,1,$c" --map-groups="$s,1,$c" rm -rf "$1" 2>/dev/null
	[ ! -e "$1" ] || echo "uspawn-setup: could not remove $1" >&2
}
