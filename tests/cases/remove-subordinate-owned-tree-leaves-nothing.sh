#!/bin/bash
# `uspawnctl remove` deletes a tree whose files belong to subordinate ids, with read-only
# directories and a 0000 file, and its sidecars (NAME.nspawn, NAME.clone, NAME.owners); a link
# in it that points out of the tree is removed, never followed; several names in one call.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"
. "$(dirname "$0")/../lib/clone.sh"
require_full_subordinate_range

make_clone_tree "$T/src"
add_subordinate_owners "$T/src"
run_uspawn -D "$T/src" sh -c 'mkdir -p /srv/locked/deep && echo x >/srv/locked/deep/f && chown -R 1000:50 /srv/locked &&
	chmod 0500 /srv/locked/deep /srv/locked'
"$USPAWNCTL" clone --method=copy "$T/src" victim 2>/dev/null
"$USPAWNCTL" clone --method=hardlink "$T/src" victim2 2>/dev/null
echo '[Exec]' >"$MACHINES/victim.nspawn"
echo '# owners' >"$MACHINES/victim.owners"
[ "$(stat -c %u "$MACHINES/victim/srv/locked")" = $((SUBUID_START + 999)) ] || fail "setup: no subordinate owner"
"$USPAWNCTL" remove victim victim2 2>"$T/err" || fail "remove: $(cat "$T/err")"
left=$(ls -A "$MACHINES")
assert_eq "" "$left" "nothing left in the machines directory"
assert_eq keep "$(cat "$T/outside/file")" "the file behind the link out of the tree"
assert_eq marker-content "$(cat "$T/src/etc/marker")" "the hard-link clone's source"
