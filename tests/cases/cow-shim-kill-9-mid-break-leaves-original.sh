#!/bin/bash
# A process killed with SIGKILL in the middle of breaking a 256 MiB file's links leaves the
# original untouched, the clone's name still on the shared inode, and no temporary file: the
# copy is an O_TMPFILE that has no name until it is complete. The shim's debug line "copying"
# (written just before the data moves) tells the case when to kill.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

head -c $((256 << 20)) /dev/zero | tr '\0' 'a' >"$T/src/big"
ln "$T/src/big" "$T/prot/big"
ino=$(stat -c %i "$T/src/big")
mkfifo "$T/debug"
cow_run env USPAWN_COW_DEBUG_FD=9 bash -c 'exec 9>"$2"; echo x >>"$1"' - "$T/prot/big" "$T/debug" &
writer=$!
exec 8<"$T/debug"
while read -r line <&8; do
	case $line in *copying*) kill -9 $writer; break ;; esac
done
st=0
wait $writer || st=$?
exec 8<&-
assert_eq 137 "$st" "the writer's status (killed by SIGKILL)"
assert_eq "$ino" "$(stat -c %i "$T/prot/big")" "the clone's name still points to the shared inode"
assert_eq 2 "$(stat -c %h "$T/src/big")" "the source's links"
assert_eq $((256 << 20)) "$(stat -c %s "$T/src/big")" "the source's size"
[ -z "$(tr -d a <"$T/src/big" | head -c 1)" ] || fail "the source's data changed"
assert_eq "big" "$(ls -A "$T/prot")" "the clone's directory holds only the file"
# and the next write completes the break
cow_run bash -c 'echo x >>"$1"' - "$T/prot/big"
assert_eq 1 "$(stat -c %h "$T/src/big")" "links after a complete break"
