#!/bin/bash
# #! scripts under --backend=trace run as the kernel runs them: the interpreter from the tree
# with its optional argument, then the script's path and the arguments; a script whose
# interpreter is itself a script; a missing interpreter fails with ENOENT.
. "$(dirname "$0")/../lib/common.sh"

tree=$(bookworm_rootfs)
mkdir -p "$T/s"
printf '#!/bin/sh\necho "sh: $0 $*"\n' >"$T/s/plain"
printf '#!/usr/bin/env -S bash -e\necho "bash: $0 $* ${BASH_VERSION%%%%.*}"\n' >"$T/s/envarg"
printf '#!/s/plain inner\n' >"$T/s/nested"
printf '#!/no/such/interpreter\n' >"$T/s/broken"
chmod +x "$T/s/"*
out=$(run_uspawn --backend=trace -D "$tree" --read-only --bind="$T/s:/s" /bin/sh -c '
	/s/plain a b; cd /s && ./plain c; /s/envarg x; /s/nested y; /s/broken 2>/dev/null; echo "broken: $?"')
want="sh: /s/plain a b
sh: ./plain c
bash: /s/envarg x 5
sh: /s/plain inner /s/nested y
broken: 127"
assert_eq "$want" "$out" "scripts"
