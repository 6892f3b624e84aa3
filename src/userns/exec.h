/* Finding the command in the tree and explaining why it cannot run, before the exec. */
#pragma once

/* Search name in path_list (PATH syntax) unless it has a slash. Returns 0 and the path, -ENOENT
 * when nowhere, -EACCES when found but not executable. */
int find_executable(void *ctx, const char *name, const char *path_list, char **ret_path);

/* After execve(path) failed with error: a phrase naming the cause ("an ELF for aarch64", "its
 * interpreter /lib/ld-linux.so.2 is missing"), or NULL when there is nothing to add. */
const char *explain_exec_failure(void *ctx, const char *path, int error);
