#!/bin/bash
# A truncated archive (plain or compressed) or garbage fails with one line naming the entry it
# broke in (or the file), and leaves no machine and no temporary behind.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

make_image_tree "$T/tree"
tar_as_root "$T/full.tar" "$T/tree"
# cut in the middle of bin/busybox's data (the big file)
head -c 1500000 "$T/full.tar" >"$T/cut.tar"
gzip -c "$T/full.tar" >"$T/full.tar.gz"
head -c 600000 "$T/full.tar.gz" >"$T/cut.tar.gz"
head -c 100000 /dev/urandom >"$T/garbage.tar"
for f in cut.tar cut.tar.gz garbage.tar; do
	st=0
	"$USPAWNCTL" import-tar "$T/$f" broken 2>"$T/err" || st=$?
	assert_eq 1 "$st" "$f: exit status ($(cat "$T/err"))"
	assert_eq 1 "$(wc -l <"$T/err")" "$f: one line of error ($(cat "$T/err"))"
	case $f in
	cut.tar*) grep -qE "'(bin/busybox|usr/bin/suid|usr/local/bin/probe)'" "$T/err" ||
		fail "$f: the error does not name the big file it broke in: $(cat "$T/err")" ;;
	*) assert_contains "$(cat "$T/err")" "$T/$f" "$f: the error names the file" ;;
	esac
	assert_no_machine broken "$f"
done
