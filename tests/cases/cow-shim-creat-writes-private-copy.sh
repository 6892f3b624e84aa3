#!/bin/bash
# C creat() on a hard-linked file writes a private copy, and so does a posix_spawn redirection
# (posix_spawn_file_actions_addopen: the child opens through libc's internal open).
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../lib/cow.sh"

cow_pair f original
cow_run "$COW_OPS" creat "$T/prot/f" created
assert_cow_broken f created "creat"
cow_pair s original
cow_run "$COW_OPS" spawn "$T/prot/s" spawned
assert_cow_broken s "original""spawned" "posix_spawn_file_actions_addopen"
