#!/bin/bash
# Without uspawn-loader (USPAWN_LOADER names a missing file) --backend=trace runs a dynamic
# program as the tree's ld.so with --argv0, as before the loader: the program still runs with
# its argv[0] and /proc/self/exe, only /proc/self/cmdline shows ld.so. A debug line says which
# way dynamic programs run.
. "$(dirname "$0")/../lib/common.sh"

tree=$(bookworm_rootfs)
out=$(USPAWN_LOADER=$T/no-loader USPAWN_LOG_LEVEL=debug "$USPAWN" --backend=trace -D "$tree" --read-only \
	/bin/bash -c 'exec -a my-name /bin/bash -c "echo \$0"; ' </dev/null 2>"$T/err")
assert_eq my-name "$out" "argv[0]"
assert_contains "$(cat "$T/err")" "No uspawn-loader (looked for $T/no-loader)" "the debug line"
out=$(USPAWN_LOADER=$T/no-loader run_uspawn --backend=trace -D "$tree" --read-only /bin/sh -c 'readlink /proc/self/exe; cat /proc/self/cmdline | tr "\0" " "')
assert_eq "/usr/bin/readlink
/lib64/ld-linux-x86-64.so.2 --argv0 cat /usr/bin/cat /proc/self/cmdline " "$out" "exe and cmdline"
out=$(USPAWN_LOG_LEVEL=debug run_uspawn --backend=trace -D "$tree" --read-only /bin/true 2>&1 >/dev/null | grep 'uspawn-loader')
assert_contains "$out" "Dynamic programs run through " "the debug line with the loader"
