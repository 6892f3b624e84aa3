#!/bin/bash
# On a full file system (a 4 MiB tmpfs holding a 3 MiB shared file, mounted in a private user
# and mount namespace) the write fails with ENOSPC before touching anything: the original is
# intact, the clone's name still shares it, and no temporary is left, with O_TMPFILE and with
# the named-temporary fallback (USPAWN_COW_NO_TMPFILE=1).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"
unshare -Urm true 2>/dev/null || skip "unshare -Urm is refused here (user namespaces)"

mkdir "$T/small"
out=$(unshare -Urm bash -c '
	T=$1 LIB=$2
	mount -t tmpfs -o size=4m tmpfs "$T/small" || exit 3
	mkdir "$T/small/src" "$T/small/prot"
	head -c $((3 << 20)) /dev/urandom >"$T/small/src/f"
	sum=$(sha256sum <"$T/small/src/f")
	ln "$T/small/src/f" "$T/small/prot/f"
	for mode in tmpfile named; do
		nt=0; [ $mode = named ] && nt=1
		LD_PRELOAD=$LIB USPAWN_COW_PATH=$T/small/prot USPAWN_COW_NO_TMPFILE=$nt \
			bash -c "echo x >>\"\$1\"" - "$T/small/prot/f" 2>&1 | sed "s/^/$mode: /"
		echo "$mode: links=$(stat -c %h "$T/small/src/f") same=$([ "$(sha256sum <"$T/small/src/f")" = "$sum" ] && echo yes)"
		echo "$mode: entries=$(ls -A "$T/small/prot" | tr "\n" " ")"
	done
' - "$T" "$COW_LIB")
for mode in tmpfile named; do
	grep -q "^$mode: .*No space left on device" <<<"$out" || fail "$mode: the write did not fail with ENOSPC"
	assert_contains "$out" "$mode: links=2 same=yes" "$mode: the original"
	assert_contains "$out" "$mode: entries=f " "$mode: no temporary left"
done
