#!/bin/bash
# --dry-run shows the root being replaced first (-x, --volatile) and each --overlay with its
# layers, upper and workdir; nothing is created (no workdir, no upper, no scratch directory).
. "$(dirname "$0")/../lib/common.sh"

make_busybox_rootfs "$T/root"
mkdir "$T/scratch"
out=$("$USPAWN" -q -D "$T/root" --dry-run -x --ephemeral-dir="$T/scratch" --overlay="$T/lo\:w:$T/up:/srv" true </dev/null)
assert_eq root-overlay "$(sed -n 1p <<<"$out" | awk '{print $1}')" "first operation"
assert_contains "$(sed -n 1p <<<"$out")" "$T/scratch/.#uspawn-root-" "the scratch directory"
line=$(grep '^overlay ' <<<"$out")
assert_contains "$line" "/srv <- $T/lo:w (upper $T/up, work $T/.#up" "the overlay line"
[ -z "$(ls -A "$T" | grep -E '^(\.#|up$)')" ] || fail "--dry-run created: $(ls -A "$T")"
assert_eq "" "$(ls -A "$T/scratch")" "scratch dir"
out=$("$USPAWN" -q -D "$T/root" --dry-run --volatile=state true </dev/null)
grep -qE '^tmpfs +/var ' <<<"$out" || fail "no tmpfs /var for --volatile=state: $out"
grep -qE '^root-read-only +/' <<<"$out" || fail "no read-only root for --volatile=state: $out"
