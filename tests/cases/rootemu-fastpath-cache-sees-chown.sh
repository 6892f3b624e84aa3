#!/bin/bash
# run-as: nosub
# The fast path keeps the ownership records it read per process, by (device, inode, ctime)
# (preload/ids-record.c): a chown made by another process must show at once in a process that
# already stat'd the file and still runs. A long-running perl stats an old file (by name, by
# descriptor, and a directory: each twice, so the answers come from what it kept), another
# process chowns all three, and the first one's next stats must show the new owners.
. "$(dirname "$0")/../lib/common.sh"
require_no_subordinate_range
tree=$(bookworm_owned_rootfs)

mkdir -p "$T/data/d"
touch "$T/data/f"
# only files whose ctime is older than the process's start by a margin are kept
sleep 3

script='
perl -e '\''
	open(my $fh, "<", "/data/f") or die "open: $!";
	sub owners { join " ", map { my @s = @$_; "$s[4]:$s[5]" } [lstat "/data/f"], [stat $fh], [stat "/data/d"] }
	my $before = owners(); owners();
	open(my $r, ">", "/data/ready") or die; close $r;
	for (1 .. 600) { last if -e "/data/go"; select(undef, undef, undef, 0.05) }
	-e "/data/go" or die "nobody chowned";
	print "before $before\nafter ", owners(), "\n";
'\'' &
while [ ! -e /data/ready ]; do sleep 0.05; done
chown 33:44 /data/f && chown 1000:50 /data/d && touch /data/go
wait $!'
out=$(run_uspawn --read-only --bind="$T/data:/data" -D "$tree" sh -c "$script" 2>&1) || fail "running: $out"
assert_contains "$out" "before 0:0 0:0 0:0" "the owners before the chown"
assert_contains "$out" "after 33:44 33:44 1000:50" "the owners after another process's chown"
