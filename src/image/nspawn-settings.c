/* From the image config (OCI image-spec "config" object, the same in docker's) to [Exec] keys.
 * Parameters= is quoted so that nspawn-file.c's word splitting gives back the same words. */
#include "image/nspawn-settings.h"

#include <string.h>
#include <talloc.h>

#include "util/json.h"
#include "util/log.h"

static char *quote_word(void *ctx, const char *w)
{
        char *q;

        if (w[0] && strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:=@%+,-") == strlen(w))
                return talloc_strdup(ctx, w);
        q = talloc_strdup(ctx, "\"");
        for (; *w; w++)
                q = talloc_asprintf_append(q, "%s%c", *w == '"' || *w == '\\' ? "\\" : "", *w);
        return talloc_asprintf_append(q, "\"");
}

/* Append the strings of array key of cfg as quoted words. Returns how many. */
static size_t append_words(char **line, json_object *cfg, const char *key)
{
        json_object *a;
        size_t n;

        if (!json_object_object_get_ex(cfg, key, &a) || !json_object_is_type(a, json_type_array))
                return 0;
        n = json_object_array_length(a);
        for (size_t i = 0; i < n; i++) {
                const char *w = json_object_get_string(json_object_array_get_idx(a, i));
                *line = talloc_asprintf_append(*line, "%s%s", (*line)[0] ? " " : "", quote_word(*line, w ?: ""));
        }
        return n;
}

char *nspawn_settings_from_config(void *ctx, json_object *config, const char *source)
{
        json_object *cfg, *env;
        char *text, *params = talloc_strdup(ctx, "");
        const char *wd, *user;
        bool any = false;

        if (!json_object_object_get_ex(config, "config", &cfg) || !json_object_is_type(cfg, json_type_object))
                return NULL;
        text = talloc_asprintf(ctx, "# The image's own settings, from the config of %s (uspawnctl import).\n[Exec]\n",
                               source);
        if (append_words(&params, cfg, "Entrypoint") + append_words(&params, cfg, "Cmd") > 0) {
                text = talloc_asprintf_append(text, "Parameters=%s\n", params);
                any = true;
        }
        if (json_object_object_get_ex(cfg, "Env", &env) && json_object_is_type(env, json_type_array))
                for (size_t i = 0; i < json_object_array_length(env); i++) {
                        const char *e = json_object_get_string(json_object_array_get_idx(env, i));
                        if (!e || !strchr(e, '=') || strpbrk(e, "\n\r"))
                                continue;
                        text = talloc_asprintf_append(text, "Environment=%s\n", e);
                        any = true;
                }
        wd = json_string_member(cfg, "WorkingDir");
        if (wd && wd[0] == '/' && !strpbrk(wd, "\n\r")) {
                text = talloc_asprintf_append(text, "WorkingDirectory=%s\n", wd);
                any = true;
        }
        user = json_string_member(cfg, "User");
        if (user && user[0] && !strpbrk(user, "\n\r")) {
                const char *colon = strchr(user, ':');
                if (colon)
                        log_notice("The image's user '%s' names a group; User= takes only the user part", user);
                text = talloc_asprintf_append(text, "User=%.*s\n", colon ? (int)(colon - user) : (int)strlen(user),
                                              user);
                any = true;
        }
        return any ? text : NULL;
}
