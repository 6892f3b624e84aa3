#!/bin/bash
# A write reaching a protected file through a symlinked directory outside the prefix, through a
# symlink to the file, through a relative path from another cwd and through an openat dirfd
# breaks the link: paths are resolved before the prefix check (fl-cow compares the spelling).
# The same with /proc unavailable to the resolver (USPAWN_COW_NO_PROC=1: readlink walk).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

mkdir "$T/outside"
ln -s "$T/prot" "$T/outside/via"
ln -s ../prot/l "$T/outside/link-to-file"
for mode in proc walk; do
	[ $mode = walk ] && export USPAWN_COW_NO_PROC=1
	cow_pair d$mode original
	cow_pair l original
	cow_pair r$mode original
	cow_pair o$mode original
	cow_run bash -c 'echo x >>"$1"' - "$T/outside/via/d$mode"
	cow_run bash -c 'echo x >>"$1"' - "$T/outside/link-to-file"
	(cd "$T/outside" && cow_run bash -c 'echo x >>"$1"' - "../prot/../outside/./via/r$mode")
	cow_run "$COW_OPS" openat "$T/outside/via" "o$mode" x
	assert_cow_broken d$mode "original""x" "$mode: through a symlinked directory"
	assert_cow_broken l "original""x" "$mode: through a symlink to the file"
	assert_cow_broken r$mode "original""x" "$mode: relative path with .. and symlinks"
	assert_cow_broken o$mode "original""x" "$mode: openat on a dirfd of a symlinked directory"
	rm "$T/src/l" "$T/prot/l"
done
