#!/bin/bash
# `uspawnctl --help` lists every verb, machinectl's names.
. "$(dirname "$0")/../lib/common.sh"

out=$("$USPAWNCTL" --help)
for verb in list status shell kill poweroff reboot terminate check list-images clone remove rename; do
	grep -qE "^  $verb( |$)" <<<"$out" || fail "--help does not list $verb: $out"
done
