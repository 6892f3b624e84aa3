#!/bin/bash
# :norbind binds only SRC itself: a mount below it (here a bind at /mnt/a/sub) does not come
# along, so the bind shows the empty directory under it.
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir -p "$T/outer/sub" "$T/inner"
echo inner-file >"$T/inner/f"
out=$(run_uspawn -D "$T/root" --bind="$T/outer:/mnt/a" --bind="$T/inner:/mnt/a/sub" \
	--bind="+/mnt/a:/mnt/c/d/e:norbind" sh -c 'ls -A /mnt/c/d/e/sub; echo ---; cut -d" " -f2 /proc/self/mounts')
assert_eq "---" "$(sed -n 1p <<<"$out")" "content of /mnt/c/d/e/sub (should be the empty dir)"
grep -qxF -- "/mnt/c/d/e" <<<"$out" || fail "mount list: no line /mnt/c/d/e in: $out"
! grep -qxF -- "/mnt/c/d/e/sub" <<<"$out" || fail "mount list: unexpected line /mnt/c/d/e/sub in: $out"
grep -qxF -- "/mnt/a/sub" <<<"$out" || fail "mount list (the original submount): no line /mnt/a/sub in: $out"
