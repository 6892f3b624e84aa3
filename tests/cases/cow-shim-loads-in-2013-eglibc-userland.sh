#!/bin/bash
# The shim loads into the real 2013 Debian userland (EGLIBC 2.13, whose symbol set ends at
# GLIBC_2.13: fl-cow's library cannot load there) and protects its files: bash >>, cp, chmod,
# touch, tee (fopen) and perl's open run under uspawn in that tree with LD_PRELOAD each break the
# link, as the debug lines and the untouched originals show.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

unpack_2013_tree "$T/old"
mkdir -p "$T/old/data/src" "$T/old/data/prot"
for f in a b c d e p; do
	echo original >"$T/old/data/src/$f"
	ln "$T/old/data/src/$f" "$T/old/data/prot/$f"
done
cp "$COW_LIB" "$T/old/cow.so"
out=$(run_uspawn -D "$T/old" -E LD_PRELOAD=/cow.so -E USPAWN_COW_PATH=/data/prot -E USPAWN_COW_DEBUG_FD=2 \
	/bin/bash -c 'echo x >>/data/prot/a; cp /etc/debian_version /data/prot/b; chmod 600 /data/prot/c
		touch -d 2001-01-01 /data/prot/d; echo t | tee /data/prot/e >/dev/null
		perl -e "open(F, q(>>), q(/data/prot/p)) or die; print F qq(x\n)"; ldd --version | head -n 1' 2>&1)
assert_contains "$out" "EGLIBC 2.13" "the tree's C library"
for f in a b c d e p; do
	assert_contains "$out" "broke link /data/prot/$f" "debug line for $f"
	assert_eq original "$(cat "$T/old/data/src/$f")" "source $f"
	assert_eq 1 "$(stat -c %h "$T/old/data/src/$f")" "links of source $f"
	assert_eq 644 "$(stat -c %a "$T/old/data/src/$f")" "mode of source $f"
done
assert_eq "original"$'\n'"x" "$(cat "$T/old/data/prot/a")" "clone a"
assert_eq "$(cat "$T/old/etc/debian_version")" "$(cat "$T/old/data/prot/b")" "clone b"
assert_eq 600 "$(stat -c %a "$T/old/data/prot/c")" "clone c's mode"
assert_eq t "$(cat "$T/old/data/prot/e")" "clone e"
