/* The string-keyed hash map: FNV-1a, linear probing, grown at 3/4 load; keys are talloc copies
 * owned by the map, values are the caller's. No deletion but clear (the unpacker never needs it). */
#include "image/pathmap.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <talloc.h>

struct slot {
        char *key;
        void *value;
};

struct pathmap {
        struct slot *slots;
        size_t size, used; /* size is a power of two */
};

static uint64_t hash(const char *s)
{
        uint64_t h = 1469598103934665603ULL;

        for (; *s; s++)
                h = (h ^ (unsigned char)*s) * 1099511628211ULL;
        return h;
}

struct pathmap *pathmap_new(void *ctx)
{
        struct pathmap *m = talloc_zero(ctx, struct pathmap);

        if (!m)
                return NULL;
        m->size = 256;
        m->slots = talloc_zero_array(m, struct slot, m->size);
        if (!m->slots)
                return talloc_free(m), NULL;
        return m;
}

static struct slot *find(const struct pathmap *m, const char *key)
{
        for (size_t i = hash(key) & (m->size - 1);; i = (i + 1) & (m->size - 1))
                if (!m->slots[i].key || strcmp(m->slots[i].key, key) == 0)
                        return &m->slots[i];
}

static int grow(struct pathmap *m)
{
        struct slot *old = m->slots;
        size_t n = m->size;

        m->slots = talloc_zero_array(m, struct slot, n * 2);
        if (!m->slots) {
                m->slots = old;
                return -ENOMEM;
        }
        m->size = n * 2;
        for (size_t i = 0; i < n; i++)
                if (old[i].key)
                        *find(m, old[i].key) = old[i];
        talloc_free(old);
        return 0;
}

int pathmap_put(struct pathmap *m, const char *key, void *value)
{
        struct slot *s;

        if ((m->used + 1) * 4 > m->size * 3 && grow(m) < 0)
                return -ENOMEM;
        s = find(m, key);
        if (!s->key) {
                s->key = talloc_strdup(m, key);
                if (!s->key)
                        return -ENOMEM;
                m->used++;
        }
        s->value = value;
        return 0;
}

void *pathmap_get(const struct pathmap *m, const char *key)
{
        return find(m, key)->value;
}

bool pathmap_contains(const struct pathmap *m, const char *key)
{
        return find(m, key)->key != NULL;
}

void pathmap_clear(struct pathmap *m)
{
        for (size_t i = 0; i < m->size; i++)
                if (m->slots[i].key) {
                        talloc_free(m->slots[i].key);
                        m->slots[i] = (struct slot){};
                }
        m->used = 0;
}

bool pathmap_next(const struct pathmap *m, size_t *i, const char **ret_key, void **ret_value)
{
        for (; *i < m->size; (*i)++)
                if (m->slots[*i].key) {
                        *ret_key = m->slots[*i].key;
                        *ret_value = m->slots[*i].value;
                        (*i)++;
                        return true;
                }
        return false;
}
