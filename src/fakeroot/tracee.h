/* Reaching into a stopped process from the supervisor: its memory, and the files its path
 * arguments name as it would resolve them (its root, its working directory, its descriptors),
 * through /proc/PID. Library-like: returns -errno, never logs. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

int tracee_read(pid_t pid, uint64_t addr, void *buf, size_t len);
int tracee_write(pid_t pid, uint64_t addr, const void *buf, size_t len);

/* Read a NUL-terminated string of at most size-1 bytes; -ENAMETOOLONG beyond. */
int tracee_read_string(pid_t pid, uint64_t addr, char *buf, size_t size);

/* Open (O_PATH, or with open_flags when they are not 0) the file that (dirfd, path) names in
 * process pid, following a final symlink unless nofollow. An empty path names dirfd itself
 * (AT_EMPTY_PATH). Paths resolve inside the process's root (absolute symlinks and ".." stay
 * in it). -EXDEV when the answer cannot be trusted from outside (paths through /proc, whose
 * "self" would mean the supervisor): let the kernel do the call then. */
int tracee_open_at(pid_t pid, int dirfd, const char *path, bool nofollow, int open_flags, mode_t mode);

/* Split path into the directory it is in (opened O_PATH|O_DIRECTORY, as tracee_open_at) and
 * its last component (pointing into path; "." for "/"). */
int tracee_open_parent(pid_t pid, int dirfd, const char *path, const char **ret_name);

/* The process's umask, from /proc/PID/status. */
mode_t tracee_umask(pid_t pid);
