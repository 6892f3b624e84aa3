#!/bin/bash
# The real 2013 Debian userland tarball (shared/testdata, .tar.xz) imports with import-tar under
# the name its file gives, with every regular file, and runs: bash's $RANDOM and
# date, and Perl's time() through EGLIBC 2.13 (which calls the vsyscall page).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

[ -r "$DEBIAN_2013_TARBALL" ] || skip "the 2013 rootfs tarball is missing: $DEBIAN_2013_TARBALL (set USPAWN_ROOTFS_2013)"
"$USPAWNCTL" import-tar "$DEBIAN_2013_TARBALL" 2>"$T/err" || fail "import-tar: $(cat "$T/err")"
name=debian-sid-2013-02-eglibc-2.13-amd64-rootfs
[ -d "$MACHINES/$name" ] || fail "machine not named after the file: $(ls "$MACHINES")"
assert_eq "$(tar -tvJf "$DEBIAN_2013_TARBALL" | grep -c '^-' )" "$(find "$MACHINES/$name" -type f | wc -l)" \
	"every regular file of the archive"
out=$(run_uspawn -M "$name" bash -c 'echo "random=$RANDOM"; date +%Y; perl -e "print time() > 1700000000 ? qq(perl ok\n) : qq(perl bad\n)"; stat -c %u /bin/su')
grep -qE '^random=[0-9]+$' <<<"$out" || fail "bash's \$RANDOM: $out"
assert_eq "$(date +%Y)" "$(sed -n 2p <<<"$out")" "date inside"
assert_eq "perl ok" "$(sed -n 3p <<<"$out")" "Perl's time()"
assert_eq 0 "$(sed -n 4p <<<"$out")" "owner of /bin/su inside"
