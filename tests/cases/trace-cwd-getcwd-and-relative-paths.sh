#!/bin/bash
# Under --backend=trace the working directory is the guest's: cd then pwd (the shell's and
# /bin/pwd's getcwd), relative paths and `..` from it, fchdir through a dirfd, /proc/self/cwd
# read back as a guest path even when the guest's buffer is shorter than the host path, and
# `..` past the root stays at the root.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/root/srv/a/b"
echo inside >"$T/root/srv/a/file"
out=$(run_uspawn --backend=trace -D "$T/root" sh -c '
	cd /etc && pwd && /bin/pwd
	cd /srv/a/b && cat ../file && probe path open ../../a/file
	probe path chdir ../../../../../../..
	probe path fchdir /srv/a
	probe path readlink /proc/self/cwd
	readlink /proc/self/cwd
	cd / && probe path openat file /srv/a && probe path stat srv/a/file')
want="/etc
/etc
inside
inside
/
/srv/a
/srv/a/b
/srv/a/b
inside
size=7"
assert_eq "$want" "$out" "working directory and relative paths"
