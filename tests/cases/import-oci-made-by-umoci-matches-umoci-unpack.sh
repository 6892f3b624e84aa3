#!/bin/bash
# An OCI layout written by a real tool: umoci builds a two-layer image from the BusyBox tree
# (hard link, symlinks, setuid file, 0555 directory, FIFO, old mtimes in the first layer; a
# deleted file and a deleted directory, as umoci's .wh. whiteouts, plus new files in the second)
# and sets its Cmd. uspawnctl import-oci yields the same tree as `umoci unpack --rootless` (type,
# mode, owner, size, link target, mtime and checksum of every entry) and runs the Cmd. skopeo then
# converts the layout to a `docker save` archive, and import-docker yields the same tree again.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

command -v umoci >/dev/null || skip "umoci is not installed (apt-get install umoci)"
cd "$T"
umoci init --layout img
umoci new --image img:v1
umoci unpack --rootless --image img:v1 b1 >/dev/null
rmdir b1/rootfs && make_image_tree b1/rootfs
umoci repack --image img:v1 b1
umoci unpack --rootless --image img:v1 b2 >/dev/null
rm b2/rootfs/etc/marker-abs && chmod u+w b2/rootfs/opt/ro && rm -r b2/rootfs/opt/ro
mkdir -p b2/rootfs/srv/new && echo second-layer >b2/rootfs/srv/new/file
umoci repack --image img:v1 b2
umoci config --image img:v1 --config.cmd=/bin/cat --config.cmd=/srv/new/file --config.workingdir=/srv
umoci unpack --rootless --image img:v1 ref >/dev/null
[ "$(ls img/blobs/sha256 | wc -l)" -ge 5 ] || fail "umoci wrote fewer blobs than two layers need"

"$USPAWNCTL" import-oci img:v1 fromumoci 2>"$T/err" || fail "import-oci: $(cat "$T/err")"
assert_eq "$(tree_sums ref/rootfs)" "$(tree_sums "$MACHINES/fromumoci")" "import-oci against umoci unpack"
[ ! -e "$MACHINES/fromumoci/opt/ro" ] || fail "the deleted directory came back"
assert_eq second-layer "$(run_uspawn -M fromumoci)" "the Cmd umoci set"

if command -v skopeo >/dev/null; then
	skopeo copy -q oci:img:v1 docker-archive:"$T/app.tar":example/app:v1 || fail "skopeo copy"
	"$USPAWNCTL" import-docker "$T/app.tar" fromskopeo 2>"$T/err" || fail "import-docker: $(cat "$T/err")"
	assert_eq "$(tree_sums ref/rootfs)" "$(tree_sums "$MACHINES/fromskopeo")" "import-docker of skopeo's archive"
else
	echo "skopeo is not installed (apt-get install skopeo): docker-archive half not run" >&2
fi
