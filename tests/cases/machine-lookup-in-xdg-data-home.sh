#!/bin/bash
# -M NAME without -D runs the tree $XDG_DATA_HOME/uspawn/machines/NAME.
. "$(dirname "$0")/../lib/common.sh"

export XDG_DATA_HOME=$T/xdg
m=$XDG_DATA_HOME/uspawn/machines/m1
mkdir -p "$(dirname "$m")"
make_busybox_rootfs "$m"
echo tree-m1 >"$m/marker"
assert_eq tree-m1 "$(run_uspawn -M m1 cat /marker)" "file of the machine's tree"
assert_eq m1 "$(run_uspawn -M m1 hostname)" "hostname"
