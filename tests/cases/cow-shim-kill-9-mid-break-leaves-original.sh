#!/bin/bash
# A process killed with SIGKILL in the middle of breaking a 64 MiB file's links — its temporary
# copy made, the data not yet in it — leaves the original untouched, the clone's name still on
# the shared inode, and no temporary file: the copy is an O_TMPFILE that has no name until it is
# complete. To stop the process at exactly that point on any file system (a reflink copy is
# instant), its debug fd is a FIFO filled to the brim: the shim's "copying" line, written just
# before the data moves, blocks in write(2) until the case sees it there and kills.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

head -c $((64 << 20)) /dev/zero | tr '\0' 'a' >"$T/src/big"
ln "$T/src/big" "$T/prot/big"
ino=$(stat -c %i "$T/src/big")
mkfifo "$T/debug"
exec 8<>"$T/debug" # read and write ends held here: nobody drains it
# fill the pipe (64 KiB by default; F_GETPIPE_SZ says exactly)
size=$(perl -e 'open(my $f, "<", "/proc/self/fd/8") or die; print fcntl($f, 1032, 0) || 65536' 2>/dev/null || echo 65536)
perl -e 'binmode STDOUT; print "x" x $ARGV[0]' "$size" >&8
# a simple command, so that $! is the writer itself (not a subshell around a function)
LD_PRELOAD=$COW_LIB USPAWN_COW_PATH=$T/prot USPAWN_COW_DEBUG_FD=9 \
	bash -c 'exec 9>"$2"; echo x >>"$1"' - "$T/prot/big" "$T/debug" &
writer=$!
# wait until the writer sits in write(2) (system call 1 on x86_64) on its debug fd 9
while :; do
	read -r nr fd _ <"/proc/$writer/syscall" 2>/dev/null || fail "the writer exited before breaking"
	[ "$nr" = 1 ] && [ "$((fd))" = 9 ] && break
	sleep 0.05
done
[ -n "$(find "/proc/$writer/fd" -lname "$T/prot/#* (deleted)" 2>/dev/null)" ] ||
	fail "no O_TMPFILE copy open at the moment of the kill: $(ls -l "/proc/$writer/fd")"
kill -9 $writer
st=0
wait $writer || st=$?
exec 8<&-
assert_eq 137 "$st" "the writer's status (killed by SIGKILL)"
assert_eq "$ino" "$(stat -c %i "$T/prot/big")" "the clone's name still points to the shared inode"
assert_eq 2 "$(stat -c %h "$T/src/big")" "the source's links"
assert_eq $((64 << 20)) "$(stat -c %s "$T/src/big")" "the source's size"
[ -z "$(tr -d a <"$T/src/big" | head -c 1)" ] || fail "the source's data changed"
assert_eq "big" "$(ls -A "$T/prot")" "the clone's directory holds only the file"
# and the next write completes the break
cow_run bash -c 'echo x >>"$1"' - "$T/prot/big"
assert_eq 1 "$(stat -c %h "$T/src/big")" "links after a complete break"
