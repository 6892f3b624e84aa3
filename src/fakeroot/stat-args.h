/* Where a stat-family call's arguments are (stat, lstat, fstat, newfstatat, statx): one table
 * of argument roles for the seccomp-notify emulation (its notification's arguments) and the
 * trace backend's fake root (the tracee's saved registers), which both rewrite the results. */
#pragma once

#include <stdbool.h>
#include <linux/types.h>
#include <stdint.h>

struct fake_stat_args {
        int dirfd;     /* the directory, or the descriptor itself (fstat); AT_FDCWD when none */
        uint64_t path; /* the path's address; 0 for fstat */
        uint64_t buf;  /* struct stat or struct statx */
        int flags;     /* AT_*; AT_EMPTY_PATH for fstat */
        bool is_statx;
        unsigned mask; /* statx's */
};

/* nr is one of the five calls (anything else reads as statx), args its six arguments (__u64
 * as struct seccomp_data has them). */
void fake_stat_args(long nr, const __u64 args[6], struct fake_stat_args *ret);
