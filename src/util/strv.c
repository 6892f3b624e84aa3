/* NULL-terminated string lists in talloc memory: argv and environment building. */
#include "util/strv.h"

#include <errno.h>
#include <string.h>
#include <talloc.h>

size_t strv_length(char *const *l)
{
        size_t n = 0;

        while (l && l[n])
                n++;
        return n;
}

int strv_append(void *ctx, char ***l, const char *s)
{
        size_t n = strv_length(*l);
        char **nl = talloc_realloc(ctx, *l, char *, n + 2);

        if (!nl)
                return -ENOMEM;
        nl[n] = talloc_strdup(nl, s);
        if (!nl[n])
                return -ENOMEM;
        nl[n + 1] = NULL;
        *l = nl;
        return 0;
}

static char **env_find(char **l, const char *name, size_t len)
{
        for (; l && *l; l++)
                if (strncmp(*l, name, len) == 0 && (*l)[len] == '=')
                        return l;
        return NULL;
}

int strv_env_set(void *ctx, char ***l, const char *assignment)
{
        const char *eq = strchr(assignment, '=');
        char **slot;

        if (!eq)
                return -EINVAL;
        slot = env_find(*l, assignment, (size_t)(eq - assignment));
        if (slot) {
                char *copy = talloc_strdup(*l, assignment);
                if (!copy)
                        return -ENOMEM;
                talloc_free(*slot);
                *slot = copy;
                return 0;
        }
        return strv_append(ctx, l, assignment);
}

const char *strv_env_get(char *const *l, const char *name)
{
        char **slot = env_find((char **)l, name, strlen(name));

        return slot ? *slot + strlen(name) + 1 : NULL;
}
