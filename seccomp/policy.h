/* The seccomp policy as data: the system calls refused by default and the @groups that
 * --system-call-filter understands, in systemd's vocabulary. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct syscall_group {
        const char *name;            /* "@mount" */
        const char *const *syscalls; /* NULL-terminated; may name other @groups */
};

/* Refused with EPERM unless --system-call-filter allows them. */
extern const char *const seccomp_default_deny[];
extern const struct syscall_group seccomp_groups[];
extern const size_t seccomp_n_groups;

const struct syscall_group *seccomp_group_find(const char *name);
/* A syscall name this architecture knows, or an @group of the table. */
bool syscall_filter_entry_is_valid(const char *entry);
