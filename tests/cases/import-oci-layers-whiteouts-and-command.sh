#!/bin/bash
# import-oci reads an OCI image layout (index.json → manifest → config + layers), applies the
# layers in order with their whiteouts (.wh.NAME deletes, .wh..wh..opq empties a directory of
# the layers below), and keeps the config's Entrypoint/Cmd, Env and WorkingDir as NAME.nspawn,
# so `uspawn -M NAME` runs the image's own command and `-- cmd` overrides it.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

make_image_tree "$T/tree"
make_whiteout_layer "$T/upper"
make_oci_layout "$T/app-oci" "$T/tree" "$T/upper" v1
"$USPAWNCTL" import-oci "$T/app-oci:v1" 2>"$T/err" || fail "import-oci: $(cat "$T/err")"
m=$MACHINES/app-oci
[ -d "$m" ] || fail "machine named after the layout directory: $(ls "$MACHINES")"
[ ! -e "$m/etc/marker-rel" ] && [ ! -L "$m/etc/marker-rel" ] || fail "whiteout .wh.marker-rel not applied"
[ -e "$m/etc/marker" ] || fail "a sibling of the whited-out file went too"
assert_eq "new" "$(ls "$m/opt")" "opaque /opt keeps only the upper layer's entries"
for f in "$m/etc/.wh.marker-rel" "$m/opt/.wh..wh..opq"; do [ ! -e "$f" ] || fail "whiteout file $f left in the tree"; done
assert_eq added "$(cat "$m/etc/added")" "file of the upper layer"
assert_eq "hello from the image in /etc" "$(run_uspawn -M app-oci)" "the image's own command"
assert_eq marker-content "$(run_uspawn -M app-oci cat marker)" "a command given overrides it"
assert_contains "$(cat "$MACHINES/app-oci.nspawn")" "WorkingDirectory=/etc" "NAME.nspawn"
# a tag that is not there is named with the tags that are
st=0
"$USPAWNCTL" import-oci "$T/app-oci:v2" other 2>"$T/err" || st=$?
assert_eq 1 "$st" "exit status for a missing tag"
assert_contains "$(cat "$T/err")" "No image tagged 'v2'" "missing tag error"
assert_contains "$(cat "$T/err")" "tags: v1" "missing tag error lists the tags"
assert_no_machine other "missing tag"
