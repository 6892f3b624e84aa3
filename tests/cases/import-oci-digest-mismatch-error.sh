#!/bin/bash
# A layer whose content does not match its digest aborts the import with one line naming the
# digest and the blob's path, and leaves no machine and no temporary behind.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

make_image_tree "$T/tree"
make_whiteout_layer "$T/upper"
make_oci_layout "$T/oci" "$T/tree" "$T/upper"
layer=$(ls -S "$T/oci/blobs/sha256" | sed -n 2p) # the second largest: the plain upper layer
chmod u+w "$T/oci/blobs/sha256/$layer"
echo tampered >>"$T/oci/blobs/sha256/$layer"
st=0
"$USPAWNCTL" import-oci "$T/oci" bad 2>"$T/err" || st=$?
assert_eq 1 "$st" "exit status"
assert_eq 1 "$(wc -l <"$T/err")" "one line of error ($(cat "$T/err"))"
assert_contains "$(cat "$T/err")" "sha256:$layer" "the error names the digest"
assert_contains "$(cat "$T/err")" "$T/oci/blobs/sha256/$layer" "the error names the blob's path"
assert_no_machine bad "digest mismatch"
