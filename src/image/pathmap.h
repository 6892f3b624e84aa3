/* A string-keyed hash map (open addressing, talloc-owned) for the unpacker's per-layer "written
 * here" set and its ownership records: tens of thousands of paths, looked up once per entry. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct pathmap;

struct pathmap *pathmap_new(void *ctx);
/* Insert or replace key (copied) → value. Returns 0 or -ENOMEM. */
int pathmap_put(struct pathmap *m, const char *key, void *value);
void *pathmap_get(const struct pathmap *m, const char *key);
bool pathmap_contains(const struct pathmap *m, const char *key);
/* Drop every key. */
void pathmap_clear(struct pathmap *m);
/* Iterate: *i starts at 0; returns false at the end. */
bool pathmap_next(const struct pathmap *m, size_t *i, const char **ret_key, void **ret_value);
