#!/bin/bash
# A break replaces the name by rename(2): a reader stat()ing the name in a loop while a 64 MiB
# file is broken again and again never finds it missing (fl-cow unlinks, then copies), and sees
# either the old or the new content, never a partial file.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

head -c $((64 << 20)) /dev/zero >"$T/src/big"
size=$(stat -c %s "$T/src/big")
ln "$T/src/big" "$T/prot/big"
perl -e '
	my ($path, $size, $stop) = @ARGV;
	my ($n, $bad) = (0, 0);
	until (-e $stop) {
		my @st = stat($path);
		if (!@st) { print "missing after $n stats: $!\n"; exit 1 }
		$bad++ if $st[7] != $size && $st[7] != $size + 1;
		$n++;
	}
	print "stats=$n short=$bad\n";
	exit($bad ? 1 : 0);
' "$T/prot/big" "$size" "$T/stop" >"$T/reader.out" &
reader=$!
for i in 1 2 3 4 5; do
	cow_run bash -c 'echo >>"$1"' - "$T/prot/big"
	# share it again for the next round, by rename too
	ln "$T/src/big" "$T/prot/.next"
	mv -f "$T/prot/.next" "$T/prot/big"
done
touch "$T/stop"
st=0
wait $reader || st=$?
[ $st = 0 ] || fail "reader: $(cat "$T/reader.out")"
assert_contains "$(cat "$T/reader.out")" "stats=" "reader ran"
assert_eq "$size" "$(stat -c %s "$T/src/big")" "source size"
