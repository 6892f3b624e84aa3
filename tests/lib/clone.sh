# tests/lib/clone.sh — sourced after common.sh and images.sh by the clone, remove, rename and
# list-images cases: a tree with everything a faithful clone must keep, and ways to compare two.

# make_image_tree (hard link, relative and absolute links, setuid file, 0555 directory, FIFO, old
# mtime) plus: a sparse file, user.* xattrs on a file and a directory, a setgid directory and
# file, a 0000 file, a link pointing out of the tree (at $T/outside, which must never be entered
# or touched), and old directory times set after their contents.
make_clone_tree() { # DIR
	local r=$1
	make_image_tree "$r"
	truncate -s 64M "$r/opt/sparse"
	printf 'data in the middle' | dd of="$r/opt/sparse" bs=1 seek=1048576 conv=notrunc status=none
	setfattr -n user.colour -v blue "$r/etc/marker"
	setfattr -n user.dir -v yes "$r/opt"
	mkdir -p "$r/srv/shared" && chmod 2775 "$r/srv/shared"
	cp "$r/bin/busybox" "$r/usr/bin/sgid" && chmod 2755 "$r/usr/bin/sgid"
	echo secret >"$r/etc/secret" && chmod 0000 "$r/etc/secret"
	mkdir -p "$T/outside" && echo keep >"$T/outside/file"
	ln -s "$T/outside" "$r/opt/escape"
	ln "$r/usr/bin/sgid" "$r/usr/bin/sgid-link"
	# a file capability (security.capability), set as root of a user namespace of ours; left out
	# where setcap (libcap2-bin) or user namespaces are missing
	cp "$r/bin/busybox" "$r/usr/bin/capped"
	unshare -r "$(command -v setcap || echo /usr/sbin/setcap)" cap_net_raw+ep "$r/usr/bin/capped" 2>/dev/null || true
	touch -d '2002-03-04 05:06:07' "$r/srv/shared" "$r/srv" "$r/opt/ro" "$r/opt" "$r"
}

# Files owned by subordinate ids (uid 1000 and gid 50 inside), a setuid one among them, written
# by a container as the range maps them: what an imported or booted image has.
add_subordinate_owners() { # DIR
	run_uspawn -D "$1" sh -c 'echo alice >/home/alice/note && cp /bin/busybox /home/alice/suid &&
		chown -R 1000:50 /home/alice && chmod 4750 /home/alice/suid && chmod 0755 /home/alice'
	touch -d '2003-01-01 00:00:00' "$1/home"
}

# What two faithful copies share, entry by entry: type, mode, owners, size (not of directories,
# which depends on the filesystem's history), mtime (ns), link count (unless "nolinks"), path,
# link target.
clone_listing() { # DIR [nolinks]
	local fmt='%y %m %U %G %s %T@ %n %P -> %l\n'
	[ "${2:-}" = nolinks ] && fmt='%y %m %U %G %s %T@ - %P -> %l\n'
	(cd "$1" && find . -printf "$fmt" | awk '$1 == "d" { $5 = "-" } 1' | LC_ALL=C sort -k8)
}

# The tree's own hard links: its files with more than one link grouped by inode, each group as
# one sorted line of paths (counts of links from outside the tree do not matter).
clone_inner_links() { # DIR
	(cd "$1" && find . -type f -links +1 -printf '%i %P\n' | LC_ALL=C sort -k1,1n -k2 |
		awk '$1 != last { if (line) print line; line = $2; last = $1; next } { line = line " " $2 }
			END { if (line) print line }' | awk 'NF > 1' | LC_ALL=C sort)
}

# Checksums of the regular files we may read, and every xattr we may read (links not followed).
clone_checksums() { # DIR
	(cd "$1" && find . -type f -perm -u+r -user "$(id -u)" -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
}
clone_xattrs() { # DIR
	(cd "$1" && getfattr -R -P -d -m - . 2>/dev/null | grep -v '^$' || true)
}

# Compare everything of SRC and DST; "nolinks" for a hard-link clone (link counts double).
assert_same_tree() { # SRC DST WHAT [nolinks]
	diff <(clone_listing "$1" "${4:-}") <(clone_listing "$2" "${4:-}") >"$T/diff" ||
		fail "$3: listings differ: $(head -20 "$T/diff")"
	diff <(clone_checksums "$1") <(clone_checksums "$2") >"$T/diff" || fail "$3: contents differ: $(head "$T/diff")"
	[ "${4:-}" = nolinks ] || diff <(clone_inner_links "$1") <(clone_inner_links "$2") >"$T/diff" ||
		fail "$3: hard links inside differ: $(head "$T/diff")"
	diff <(clone_xattrs "$1") <(clone_xattrs "$2") >"$T/diff" || fail "$3: xattrs differ: $(head "$T/diff")"
}
