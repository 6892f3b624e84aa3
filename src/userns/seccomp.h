/* Building and loading the container's seccomp filter from the policy tables in seccomp/. */
#pragma once

#include <stdbool.h>

/* Compute the denied set from the default policy and the --system-call-filter entries.
 * Returns a NULL-terminated list on ctx. */
char **seccomp_denied_syscalls(void *ctx, char *const *user_filter);

/* Load the filter into the calling thread (which must be able to: root of its user namespace
 * or no_new_privs). Returns -errno. */
int seccomp_load_policy(char *const *user_filter);
