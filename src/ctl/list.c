/* `uspawnctl list`: the running machines as machinectl prints them, a table and a count, or
 * one JSON array with --json. Stale records vanish on the way (registry_list removes them). */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <talloc.h>

#include "ctl/ctl.h"
#include "util/log.h"
#include "util/talloc-util.h"

static const char *init_of(const struct machine_record *m)
{
        return m->boot && m->init ? m->init : "-";
}

static int list_json(const struct machine_record *l, size_t n)
{
        json_object *arr = json_object_new_array();

        for (size_t i = 0; i < n; i++) {
                json_object *o = json_object_new_object();

                json_object_object_add(o, "machine", json_object_new_string(l[i].name));
                json_object_object_add(o, "leader", json_object_new_int(l[i].leader));
                json_object_object_add(o, "init", l[i].boot && l[i].init ? json_object_new_string(l[i].init) : NULL);
                json_object_object_add(o, "backend", json_object_new_string(l[i].backend));
                json_object_object_add(o, "root", json_object_new_string(l[i].root));
                json_object_array_add(arr, o);
        }
        puts(json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
        json_object_put(arr);
        return 0;
}

static int width(const struct machine_record *l, size_t n, const char *(*get)(const struct machine_record *),
                 const char *title)
{
        size_t w = strlen(title);

        for (size_t i = 0; i < n; i++)
                if (strlen(get(&l[i])) > w)
                        w = strlen(get(&l[i]));
        return (int)w;
}

static const char *name_of(const struct machine_record *m)
{
        return m->name;
}

static const char *backend_of(const struct machine_record *m)
{
        return m->backend;
}

int verb_list(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        struct machine_record *l;
        size_t n;
        int r, wn, wi, wb;

        if (argc > 1)
                return log_error_errno(-EINVAL, "'list' takes no arguments; see uspawnctl --help");
        r = registry_list(ctx, &l, &n);
        if (r == -ENOENT) /* no runtime directory: uspawn could not register anything either */
                l = NULL, n = 0, r = 0;
        if (r < 0)
                return log_error_errno(r, "Failed to read the machine registry: %m");
        if (a->json)
                return list_json(l, n);
        wn = width(l, n, name_of, "MACHINE");
        wi = width(l, n, init_of, "INIT");
        wb = width(l, n, backend_of, "BACKEND");
        if (n > 0)
                printf("%-*s %-8s %-*s %-*s %s\n", wn, "MACHINE", "LEADER", wi, "INIT", wb, "BACKEND", "ROOT");
        for (size_t i = 0; i < n; i++)
                printf("%-*s %-8d %-*s %-*s %s\n", wn, l[i].name, (int)l[i].leader, wi, init_of(&l[i]), wb,
                       l[i].backend, l[i].root);
        if (n > 0)
                putchar('\n');
        printf("%zu machines listed.\n", n); /* machinectl's wording, even for one */
        return 0;
}
