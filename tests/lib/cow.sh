# tests/lib/cow.sh — sourced by the cow-shim-* cases after common.sh: pairs of hard-linked files
# (the "source" tree's in $T/src, the protected clone's in $T/prot) and a check that a write
# through the clone gave the clone a private file and left the source's inode as it was.
COW_LIB=$BUILD/libuspawn-cow.so
COW_OPS=$BUILD/tests/cow-ops
[ -f "$COW_LIB" ] || fail "$COW_LIB not built (make $COW_LIB)"
[ -x "$COW_OPS" ] || fail "$COW_OPS not built (make $COW_OPS)"
mkdir -p "$T/src" "$T/prot"

# Make $T/src/NAME with TEXT (printf %s, so "" is an empty file) and link it as $T/prot/NAME;
# remember the source's content, mode, owner, times and link count.
cow_pair() { # NAME TEXT
	printf %s "$2" >"$T/src/$1"
	ln "$T/src/$1" "$T/prot/$1"
	cow_snapshot "$1" >"$T/.before-$1"
}
cow_snapshot() { # NAME: everything about the source file a write must not change
	# not the access time: the link count's change moves ctime, after which the next read (ours)
	# moves atime under relatime
	local sum
	sum=$(sha256sum <"$T/src/$1")
	printf '%s %s\n' "$(stat -c '%a %u %g %s %Y %i' "$T/src/$1")" "$sum"
	getfattr -d --absolute-names "$T/src/$1" 2>/dev/null | tail -n +2 || true
}

# Run a command with the shim protecting $T/prot.
cow_run() { # CMD...
	LD_PRELOAD=$COW_LIB USPAWN_COW_PATH=$T/prot "$@"
}

# The source is exactly as before, and $T/prot/NAME is a different inode with one link and
# content EXPECTED.
assert_cow_broken() { # NAME EXPECTED WHAT
	assert_eq "$(cat "$T/.before-$1")" "$(cow_snapshot "$1")" "$3: the source file changed"
	assert_eq 1 "$(stat -c %h "$T/src/$1")" "$3: the source's link count"
	assert_eq 1 "$(stat -c %h "$T/prot/$1")" "$3: the clone's link count"
	[ "$(stat -c %i "$T/src/$1")" != "$(stat -c %i "$T/prot/$1")" ] || fail "$3: the clone still shares the inode"
	assert_eq "$2" "$(cat "$T/prot/$1")" "$3: the clone's content"
	cow_no_strays "$3"
}

cow_no_strays() { # WHAT: no temporary left in either directory
	local left
	left=$(find "$T/src" "$T/prot" -name '.*.cow-*')
	[ -z "$left" ] || fail "$1: temporary files left behind: $left"
}

# The February 2013 Debian sid tree (EGLIBC 2.13) unpacked into DIR, or skip.
unpack_2013_tree() { # DIR
	local tarball=${USPAWN_ROOTFS_2013:-$_repo/../shared/testdata/debian-sid-2013-02-eglibc-2.13-amd64-rootfs.tar.xz}
	[ -r "$tarball" ] || skip "the 2013 rootfs tarball is missing: $tarball (set USPAWN_ROOTFS_2013)"
	mkdir -p "$1"
	tar -xJf "$tarball" -C "$1"
}
