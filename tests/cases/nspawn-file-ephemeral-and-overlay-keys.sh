#!/bin/bash
# Ephemeral= and Overlay= in the user's trusted NAME.nspawn apply as -x and --overlay do (the
# machine still found by the tree's name, then given its random suffix); Overlay= in the
# untrusted file beside the tree is ignored with a notice.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/tree-snapshot.sh"

make_busybox_rootfs "$T/app"
export XDG_CONFIG_HOME=$T/config
mkdir -p "$XDG_CONFIG_HOME/uspawn" "$T/lower" "$T/upper"
echo low >"$T/lower/f"
cat >"$XDG_CONFIG_HOME/uspawn/app.nspawn" <<E
[Exec]
Ephemeral=yes

[Files]
Overlay=$T/lower:$T/upper:/srv
E
before=$(tree_snapshot "$T/app")
out=$(run_uspawn -D "$T/app" sh -c 'hostname; cat /srv/f; echo w >/srv/w; echo x >/etc/x')
[[ $(sed -n 1p <<<"$out") =~ ^app-[0-9a-f]{16}$ ]] || fail "machine name: $out"
assert_eq low "$(sed -n 2p <<<"$out")" "overlay from Overlay="
assert_eq w "$(cat "$T/upper/w")" "write into the Overlay= upper"
assert_eq "$before" "$(tree_snapshot "$T/app")" "the tree after an Ephemeral=yes run"

rm "$XDG_CONFIG_HOME/uspawn/app.nspawn"
printf '[Files]\nOverlay=%s:%s:/srv\n' "$T/lower" "$T/upper" >"$T/app.nspawn"
err=$("$USPAWN" -D "$T/app" sh -c 'ls /srv | wc -l' 2>&1 >"$T/out" </dev/null)
assert_contains "$err" "Ignoring Overlay=" "notice for the untrusted file"
assert_eq 0 "$(cat "$T/out")" "no overlay from the untrusted file"
