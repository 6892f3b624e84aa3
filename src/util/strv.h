/* NULL-terminated string lists kept in talloc memory. */
#pragma once

#include <stddef.h>

size_t strv_length(char *const *l);
/* Append a copy of s to *l (allocated on ctx). Returns 0 or -ENOMEM. */
int strv_append(void *ctx, char ***l, const char *s);
/* Set VAR=VALUE in an environment list, replacing an earlier VAR. */
int strv_env_set(void *ctx, char ***l, const char *assignment);
const char *strv_env_get(char *const *l, const char *name);
