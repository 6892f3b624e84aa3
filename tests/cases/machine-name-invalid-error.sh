#!/bin/bash
# -M with a name that is not a plain machine name ("../x", "a/b", empty) is refused before any
# lookup: status 1, one "uspawn: " line, nothing run -- so -M cannot reach outside
# $XDG_DATA_HOME/uspawn/machines.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/expect-error.sh"

export XDG_DATA_HOME=$T/xdg
mkdir -p "$XDG_DATA_HOME/uspawn/machines/inside"
make_busybox_rootfs "$T/outside"
for name in ../../../outside "inside/../../../../outside" "a/b" ""; do
	expect_error 1 "-M '$name'" -- -q -M "$name" sh -c 'echo ran'
done
