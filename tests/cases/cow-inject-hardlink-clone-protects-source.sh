#!/bin/bash
# uspawn runs a tree whose TREE.clone record says "hardlink" (written here as `uspawnctl clone`
# writes it, over a `cp -al` copy of the 2013 Debian tree) with libuspawn-cow.so bound at
# /run/host/uspawn and preloaded with USPAWN_COW_PATH=/: a shell that appends, truncates, copies
# over a binary, changes modes and times and runs perl leaves every file of the source tree as it
# was (content, mode, owner, mtime, inode), while the clone has the changes.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

unpack_2013_tree "$T/src-tree"
cp -al "$T/src-tree" "$T/clone"
printf '{"method":"hardlink","source":"%s"}\n' "$T/src-tree" >"$T/clone.clone"
manifest() { # TREE: every file's identity and content, link counts and ctimes aside
	(cd "$1" && find . -printf '%p %y %i %m %U %G %s %T@ %l\n' | sort &&
		find . -type f -print0 | sort -z | xargs -0 sha256sum)
}
manifest "$T/src-tree" >"$T/before"

plan=$("$USPAWN" "${BACKEND_ARGS[@]}" --dry-run -D "$T/clone" /bin/true)
assert_contains "$plan" "/run/host/uspawn/libuspawn-cow.so <- $BUILD/libuspawn-cow.so [ro," "the plan's bind"
out=$(run_uspawn -D "$T/clone" /bin/bash -c '
	echo "LD_PRELOAD=$LD_PRELOAD USPAWN_COW_PATH=$USPAWN_COW_PATH"
	echo changed >>/etc/issue.net; echo truncated >/etc/issue; cp /bin/true /bin/false
	chmod 600 /etc/host.conf; touch /etc/debian_version; chown 0:0 /etc/hosts
	echo x | tee -a /etc/gai.conf >/dev/null
	perl -e "open(F, q(>>), q(/etc/bash.bashrc)) or die; print F qq(# x\n)"
	/bin/false; echo "false now exits $?"' 2>&1)
assert_contains "$out" "LD_PRELOAD=/run/host/uspawn/libuspawn-cow.so USPAWN_COW_PATH=/" "the command's environment"
assert_contains "$out" "false now exits 0" "the clone's /bin/false is a copy of true"
manifest "$T/src-tree" >"$T/after"
diff -u "$T/before" "$T/after" >&2 || fail "the source tree changed"
assert_contains "$(cat "$T/clone/etc/issue.net")" changed "the clone's /etc/issue.net"
assert_eq truncated "$(cat "$T/clone/etc/issue")" "the clone's /etc/issue"
assert_eq 600 "$(stat -c %a "$T/clone/etc/host.conf")" "the clone's /etc/host.conf mode"
cmp -s "$T/clone/bin/false" "$T/src-tree/bin/true" || fail "the clone's /bin/false"
