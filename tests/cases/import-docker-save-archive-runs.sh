#!/bin/bash
# import-docker takes a `docker save` archive (manifest.json, config, layer tars checked against
# the config's diff_ids), as a tar file or unpacked in a directory, and runs its Cmd.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

make_image_tree "$T/tree"
make_docker_archive "$T/busy.tar" "$T/tree" busy
"$USPAWNCTL" import-docker "$T/busy.tar" 2>"$T/err" || fail "import-docker: $(cat "$T/err")"
assert_eq marker-content "$(run_uspawn -M busy)" "the image's Cmd"
mkdir "$T/unpacked" && tar -xf "$T/busy.tar" -C "$T/unpacked"
"$USPAWNCTL" import-docker "$T/unpacked" fromdir 2>"$T/err" || fail "import-docker DIR: $(cat "$T/err")"
assert_eq "$(tree_listing "$MACHINES/busy")" "$(tree_listing "$MACHINES/fromdir")" "same tree from the tar and the directory"
assert_no_machine none "after docker imports"
