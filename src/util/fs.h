/* File system helpers: whole-file reads and writes, and resolving paths inside a root. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include <dirent.h>
#include <sys/types.h>

int write_string_file(const char *path, const char *text);
/* mkdir -p with mode for each directory it creates. */
int mkdir_p(const char *path, mode_t mode);
/* A directory stream over dirfd's directory with an offset of its own (not a dup of dirfd's),
 * so a caller's descriptor is left as it was. NULL with errno set on failure. */
DIR *opendir_at(int dirfd);
/* Read up to size-1 bytes of a file into buf, NUL-terminated. Returns the length. */
int read_small_file(const char *path, char *buf, size_t size);

/* Open path (absolute, inside the tree whose directory fd is rootfd) with symbolic links
 * resolved as if rootfd were '/', so no link escapes the tree. flags are open(2) flags. */
int open_in_root(int rootfd, const char *path, int flags);

enum create_kind { CREATE_NONE, CREATE_DIRECTORY, CREATE_FILE };
/* Like open_in_root with O_PATH, creating the missing components (directories, and the last one
 * as kind says) with mode 0755 / 0644. */
int open_or_create_in_root(int rootfd, const char *path, enum create_kind kind);
