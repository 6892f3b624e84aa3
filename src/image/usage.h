/* Disk usage of a tree as du counts it: allocated blocks, every inode once however many hard
 * links reach it, no symbolic link followed, no other filesystem entered. */
#pragma once

#include <stdint.h>

/* Bytes allocated under the directory fd. Unreadable directories are skipped (their size is
 * then a lower bound). Returns 0 or -errno. */
int tree_disk_usage(int dirfd, uint64_t *ret);
