#!/bin/bash
# run-as: nosub
# The fast path's own directory streams (preload/ids-dir.c, which spare opendir its stop in the
# supervisor) behave as the C library's: perl's opendir/readdir/telldir/seekdir/rewinddir, an
# opendir of a file (ENOTDIR) and of nothing (ENOENT), ls -R and find over /etc, and rm -r and
# cp -a of a tree give the same output with the fast path and without it.
. "$(dirname "$0")/../lib/common.sh"
require_no_subordinate_range
tree=$(bookworm_owned_rootfs)

mkdir -p "$T/data"
run() { run_uspawn --read-only --bind="$T/data:/data" -D "$tree" "$@"; }
script='
perl -e '\''
	opendir(my $d, "/usr/bin") or die "opendir: $!";
	my @all = readdir($d); my ($pos, $want);
	rewinddir($d); for my $i (1 .. 300) { my $e = readdir($d); $pos = telldir($d) if $i == 200; $want = $e if $i == 201 }
	seekdir($d, $pos); my $again = readdir($d);
	rewinddir($d); my $n = () = readdir($d); closedir($d);
	print scalar(@all), " entries, ", ($again eq $want ? "seekdir ok" : "seekdir BAD: $again vs $want"), ", rewinddir $n\n";
	opendir(my $f, "/etc/hostname") and die "opendir of a file worked"; print "file: ", $!+0, "\n";
	opendir(my $g, "/nonexistent") and die "opendir of nothing worked"; print "nothing: ", $!+0, "\n";
'\''
ls -R /etc | sha256sum; find /etc -printf "%p %y %U:%G\n" | sort | sha256sum
mkdir -p /data/t/a/b && touch /data/t/a/b/f /data/t/a/g && cp -a /data/t /data/u && ls -R /data/u && rm -r /data/t /data/u && ls -A /data'
run sh -c "$script" >"$T/fast" 2>&1 || { cat "$T/fast" >&2; fail "with the fast path"; }
USPAWN_IDS_FASTPATH=0 run sh -c "$script" >"$T/slow" 2>&1 || { cat "$T/slow" >&2; fail "without the fast path"; }
diff -u "$T/slow" "$T/fast" >&2 || fail "directory streams differ with the fast path"
assert_contains "$(cat "$T/fast")" "seekdir ok" "seekdir"
assert_contains "$(cat "$T/fast")" $'file: 20\nnothing: 2' "errors"
