#!/bin/bash
# With XDG_DATA_HOME unset, -M NAME finds its tree in ~/.local/share/uspawn/machines/NAME.
. "$(dirname "$0")/../lib/common.sh"

unset XDG_DATA_HOME
export HOME=$T/home
m=$HOME/.local/share/uspawn/machines/homebox
mkdir -p "$(dirname "$m")"
make_busybox_rootfs "$m"
echo tree-homebox >"$m/marker"
assert_eq tree-homebox "$(run_uspawn -M homebox cat /marker)" "file of the machine's tree"
assert_eq homebox "$(run_uspawn -M homebox hostname)" "hostname"
