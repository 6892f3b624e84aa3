#!/bin/bash
# Hostile archives cannot write outside the tree: a '..' entry and a hard link to a file outside
# are refused with one line naming the entry (no machine, no temporary left); an absolute name,
# a symbolic link pointing out followed by a file "through" it, and a directory replaced by such a
# link then a file under it are neutralised: what they write lands inside the tree.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

canary=$T/canary
mkdir -p "$canary" "$T/src/sub"
echo evil >"$T/src/f"
ln -s "$canary" "$T/src/out"
ln -s "$canary" "$T/src/d-link"

refused() { # NAME WHAT NEEDLE
	local st=0
	"$USPAWNCTL" import-tar "$T/$1.tar" "$1" 2>"$T/err" || st=$?
	assert_eq 1 "$st" "$2: exit status ($(cat "$T/err"))"
	assert_eq 1 "$(wc -l <"$T/err")" "$2: one line of error ($(cat "$T/err"))"
	assert_contains "$(cat "$T/err")" "$3" "$2: the error names the entry"
	assert_no_machine "$1" "$2"
}
imported() { # NAME WHAT
	"$USPAWNCTL" import-tar "$T/$1.tar" "$1" 2>"$T/err" || fail "$2: $(cat "$T/err")"
}

# ../ : a path climbing out
tar -P --transform="s,^f\$,../../canary/dotdot," -cf "$T/dotdot.tar" -C "$T/src" f
refused dotdot "'..' entry" "../../canary/dotdot"

# a hard link to /etc/passwd (outside: the tree has none)
ln "$T/src/f" "$T/src/g"
tar -P --transform='s,^f$,/etc/passwd,' -cf "$T/hard.tar" -C "$T/src" f g
tar -P --delete -f "$T/hard.tar" /etc/passwd
refused hard "hard link to /etc/passwd" "'/etc/passwd'"

# an absolute name lands inside
tar -P --transform="s,^f\$,$canary/absolute," -cf "$T/absolute.tar" -C "$T/src" f
imported absolute "absolute name"
[ -f "$MACHINES/absolute/$canary/absolute" ] || fail "absolute name not put inside the tree"

# a symbolic link pointing out, then a file through it
tar -cf "$T/symlink.tar" -C "$T/src" out
tar --transform='s,^sub,out,' -rf "$T/symlink.tar" -C "$T/src" sub
tar --transform='s,^f$,out/through-link,' -rf "$T/symlink.tar" -C "$T/src" f
imported symlink "file through a symbolic link"
[ -f "$MACHINES/symlink/$canary/through-link" ] || [ -f "$MACHINES/symlink/out/through-link" ] ||
	fail "the file written through the link is not inside the tree"

# a directory, replaced by a link pointing out, then a file under it
tar --transform='s,^sub,d-link,' -cf "$T/replace.tar" -C "$T/src" sub
tar -rf "$T/replace.tar" -C "$T/src" d-link
tar --transform='s,^f$,d-link/under,' -rf "$T/replace.tar" -C "$T/src" f
imported replace "directory replaced by a link"
[ -f "$MACHINES/replace/$canary/under" ] || fail "the file under the replaced directory is not inside the tree"

assert_eq "" "$(ls -A "$canary")" "files written outside the tree (the canary directory)"
