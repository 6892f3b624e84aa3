#!/bin/bash
# `uspawnctl list-images` lists the machines directory's trees machinectl-style (NAME TYPE RO
# USAGE CREATED MODIFIED) with how each was cloned, du-like usage counting hard-linked inodes
# once; --no-legend drops header and footer, --json=short|pretty gives the same as JSON.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/images.sh"

make_busybox_rootfs "$T/tree"
head -c 3M /dev/urandom >"$T/tree/blob"
"$USPAWNCTL" import-fs "$T/tree" base 2>/dev/null
"$USPAWNCTL" clone --method=hardlink base linked 2>/dev/null
"$USPAWNCTL" clone --method=copy base copied 2>/dev/null
out=$("$USPAWNCTL" list-images)
echo "$out"
assert_contains "$(echo "$out" | head -1)" "NAME" "header"
for col in TYPE RO USAGE CREATED MODIFIED CLONE; do assert_contains "$(echo "$out" | head -1)" "$col" "header $col"; done
assert_contains "$out" "3 images listed." "footer"
assert_contains "$(echo "$out" | grep '^linked ')" "hardlink of base" "linked row"
assert_contains "$(echo "$out" | grep '^copied ')" "copy of base" "copied row"
assert_contains "$(echo "$out" | grep '^base ')" "directory" "type"
assert_eq "base copied linked" "$("$USPAWNCTL" list-images --no-legend | awk '{ print $1 }' | xargs)" "--no-legend rows"

json=$("$USPAWNCTL" list-images --json=short)
assert_eq 1 "$(echo "$json" | wc -l)" "--json=short is one line"
assert_eq "hardlink" "$(echo "$json" | jq -r '.[] | select(.name == "linked") | .clone')" "json clone"
assert_eq "directory" "$(echo "$json" | jq -r '.[0].type')" "json type"
du_base=$(du -s -B1 "$MACHINES/base" | cut -f1)
assert_eq "$du_base" "$(echo "$json" | jq -r '.[] | select(.name == "base") | .usage')" "usage of base is du's"
assert_eq "$(du -s -B1 "$MACHINES/linked" | cut -f1)" "$(echo "$json" | jq -r '.[] | select(.name == "linked") | .usage')" \
	"usage of the hard-link clone is du's"
"$USPAWNCTL" list-images --json=pretty | jq -e 'length == 3' >/dev/null || fail "--json=pretty"
mkdir -p "$T/empty" && assert_contains "$(XDG_DATA_HOME=$T/empty "$USPAWNCTL" list-images)" "0 images listed." "empty store"
