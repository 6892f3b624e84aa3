#!/bin/bash
# Escape suite, writing calls: under --backend=trace, every path-taking call of the table that
# creates, changes or removes names (mkdir(at), creat, mknodat, symlink, link, rename, chmod,
# fchmodat, fchmodat2, chown, lchown, fchownat, truncate, utimes, utimensat, set/get/list/
# removexattr (where the file system has user xattrs),
# unlink(at), rmdir) acts on the tree's file at a path that exists on the host too, and the
# host's files stay exactly as they were; statfs, inotify_add_watch, name_to_handle_at and
# execveat see the tree's.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
g=$T/root
[ -d "${HOME:-}" ] && [ -w "$HOME" ] || skip "no writable \$HOME for the host-side markers"
H=$(mktemp -d "$HOME/.uspawn-escape.XXXXXX")
trap 'rm -rf "$H"' EXIT
for side in "$H" "$g$H"; do
	mkdir -p "$side/d" "$side/gone"
	echo "content of $side" >"$side/f"
	: >"$side/victim"
	printf '#!/bin/sh\necho "prog of %s"\n' "$side" >"$side/prog"
	chmod 755 "$side/prog"
done
snapshot() { find "$H" -printf '%p %m %s %T@ %y %l\n' | sort; }
before=$(snapshot)

cat >"$g/writes.sh" <<E
umask 022
p() { printf '%s: ' "\$1"; probe path "\$@"; }
p mkdir $H/new
p mkdirat new2 $H/d
p creat $H/created
p mknodat fifo $H
p symlink /etc $H/sl
p link $H/f $H/hard
p rename $H/created $H/renamed
p execveat prog $H
p chmod $H/f
p fchmodat $H/prog
p fchmodat2 fifo $H
p chown $H/f
p lchown $H/sl
p fchownat sl $H
p truncate $H/f
p utimes $H/victim
p utimensat $H/renamed
p statfs $H
p inotify_add_watch $H/d
p name_to_handle_at $H/f
p unlink $H/hard
p unlinkat victim $H
p rmdir $H/gone
E
# user xattrs, where the file system of the case directory has them
: >"$T/xattr-check"
if [ "$("$PROBE" path setxattr "$T/xattr-check")" = ok ]; then
	printf 'p %s\n' "setxattr $H/f" "getxattr $H/f" "listxattr $H/f" "removexattr $H/f" \
		"getxattr $H/f" "setxattr $H/f" >>"$g/writes.sh"
	xattr_want="
setxattr: ok
getxattr: v
listxattr: user.probe
removexattr: ok
getxattr: ENODATA
setxattr: ok"
else
	echo "note: no user xattrs in $T: the xattr calls are not checked"
	xattr_want=
fi
out=$(run_uspawn --backend=trace -D "$g" sh /writes.sh)
want="mkdir: ok
mkdirat: ok
creat: ok
mknodat: ok
symlink: ok
link: ok
rename: ok
execveat: prog of $g$H
chmod: ok
fchmodat: ok
fchmodat2: ok
chown: ok
lchown: ok
fchownat: ok
truncate: ok
utimes: ok
utimensat: ok
statfs: ok
inotify_add_watch: ok
name_to_handle_at: ok
unlink: ok
unlinkat: ok
rmdir: ok$xattr_want"
assert_eq "$want" "$out" "calls inside"
[ -z "$xattr_want" ] || assert_eq ENODATA "$("$PROBE" path getxattr "$H/f")" "the host file's xattr"
[ -z "$xattr_want" ] || assert_eq v "$("$PROBE" path getxattr "$g$H/f")" "the tree file's xattr"
assert_eq "$before" "$(snapshot)" "the host's files after the run"
got=$(cd "$g$H" && find . -printf '%p %m %s %y %l\n' | sort)
assert_eq ". $(stat -c "%a %s" "$g$H") d 
./d 755 $(stat -c %s "$g$H/d") d 
./d/new2 755 $(stat -c %s "$g$H/d/new2") d 
./f 600 2 f 
./fifo 604 0 p 
./new 755 $(stat -c %s "$g$H/new") d 
./prog 640 $(stat -c %s "$g$H/prog") f 
./renamed 644 0 f 
./sl 777 4 l /etc" "$got" "the tree's files after the run"
assert_eq 1100000000 "$(stat -c %Y "$g$H/renamed")" "utimensat's time"
