/* Runs of a hard-link clone (uspawnctl clone's fallback when the file system cannot reflink)
 * would write through to the source tree's inodes. When the tree's record says so, the run gets
 * libuspawn-cow.so: bound read-only at COW_LIBRARY_IN_CONTAINER, named first in LD_PRELOAD, and
 * told to protect the whole tree (USPAWN_COW_PATH=/), so every dynamically linked program breaks
 * a shared file's links before changing it. Static programs are out of LD_PRELOAD's reach (see
 * README). The library is looked up beside the running uspawn (the build tree), in ../lib/uspawn
 * from it, then in USPAWN_COW_LIBDIR (where `make install` puts it); USPAWN_COW_LIBRARY
 * overrides them. */
#include "cow-inject.h"

#include <errno.h>
#include <stdbool.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "clone-record.h"
#include "util/log.h"
#include "util/macro.h"
#include "util/strv.h"

#ifndef USPAWN_COW_LIBDIR
#define USPAWN_COW_LIBDIR "/usr/local/lib/uspawn"
#endif

char *preload_find_library(void *ctx, const char *file, const char *override, char **ret_looked)
{
        const char *env = getenv(override);
        char exe[PATH_MAX], *dir;
        ssize_t n;
        char *candidates[3] = {NULL, NULL, talloc_asprintf(ctx, "%s/%s", USPAWN_COW_LIBDIR, file)};

        if (env && *env) {
                *ret_looked = talloc_strdup(ctx, env);
                return access(env, R_OK) == 0 ? talloc_strdup(ctx, env) : NULL;
        }
        n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
                exe[n] = 0;
                dir = dirname(exe);
                /* the build tree; then PREFIX/bin/../lib/uspawn, for an install whose PREFIX
                 * differs from the one this object was compiled with */
                candidates[0] = talloc_asprintf(ctx, "%s/%s", dir, file);
                candidates[1] = talloc_asprintf(ctx, "%s/../lib/uspawn/%s", dir, file);
        }
        *ret_looked = talloc_strdup(ctx, "");
        for (size_t i = 0; i < ELEMENTSOF(candidates); i++) {
                if (!candidates[i])
                        continue;
                if (access(candidates[i], R_OK) == 0) {
                        char *real = realpath(candidates[i], NULL), *r;
                        r = real ? talloc_strdup(ctx, real) : candidates[i];
                        free(real);
                        return r;
                }
                *ret_looked = talloc_asprintf_append(*ret_looked, "%s%s", **ret_looked ? ", " : "", candidates[i]);
        }
        return NULL;
}

/* LD_PRELOAD with the shim first (a preload list given with -E is kept after it); the whole
 * tree protected except what --bind brings from the host, whose files are meant to be written
 * (breaking links there would change the user's directories, not protect the source). */
static int set_environment(struct settings *s)
{
        const char *user = strv_env_get(s->environment, "LD_PRELOAD");
        char *preload = talloc_asprintf(s, "LD_PRELOAD=%s%s%s", COW_LIBRARY_IN_CONTAINER, user && *user ? ":" : "",
                                        user ? user : "");
        char *exclude = talloc_strdup(s, "USPAWN_COW_EXCLUDE=");

        for (unsigned i = 0; i < s->n_binds && exclude; i++)
                if (!s->binds[i].source_in_root)
                        exclude = talloc_asprintf_append(exclude, "%s%s", i ? ":" : "", s->binds[i].destination);
        if (!preload || !exclude || strv_env_set(s, &s->environment, preload) < 0 ||
            strv_env_set(s, &s->environment, "USPAWN_COW_PATH=/") < 0 ||
            (s->n_binds && strv_env_set(s, &s->environment, exclude) < 0))
                return -ENOMEM;
        /* A booted systemd starts its services with a clean environment, not its own; in a
         * container it reads PID 1's arguments as the kernel command line, where systemd.setenv=
         * sets the default environment of every unit. (sysvinit and BusyBox init pass theirs on.) */
        if (s->boot && s->init.kind == INIT_SYSTEMD) {
                const char *vars[] = {preload, "USPAWN_COW_PATH=/", s->n_binds ? exclude : NULL};
                for (size_t i = 0; i < ELEMENTSOF(vars); i++) {
                        char *arg = vars[i] ? talloc_asprintf(s, "systemd.setenv=%s", vars[i]) : NULL;
                        if (vars[i] && (!arg || strv_append(s, &s->command, arg) < 0))
                                return -ENOMEM;
                }
        }
        return 0;
}

/* An ephemeral or volatile run, or a read-only one, never writes the tree's files (unless a
 * writable bind of a path of the tree brings them in): then there is nothing to protect. */
static bool writes_reach_tree(const struct settings *s)
{
        if (!settings_tree_unchanged(s))
                return true;
        for (unsigned i = 0; i < s->n_binds; i++)
                if (s->binds[i].source_in_root && !s->binds[i].read_only)
                        return true;
        return false;
}

int cow_inject(struct settings *s)
{
        void *ctx = talloc_new(s);
        enum clone_method method;
        char *source = NULL, *library, *looked = NULL;
        int r;

        if (!ctx)
                return log_error_errno(-ENOMEM, "Out of memory");
        r = clone_record_read(ctx, s->root, &method, &source);
        if (r < 0) {
                talloc_free(ctx);
                return log_error_errno(r,
                                       "Failed to read the clone record beside '%s' (%s.clone): %m; fix or remove it",
                                       s->directory, s->root);
        }
        if (method != CLONE_METHOD_HARDLINK || !writes_reach_tree(s)) {
                talloc_free(ctx);
                return 0;
        }
        library = preload_find_library(ctx, "libuspawn-cow.so", "USPAWN_COW_LIBRARY", &looked);
        if (!library) {
                r = log_error_errno(-ENOENT,
                                    "'%s' is a hard-link clone of '%s', and libuspawn-cow.so, which keeps runs from "
                                    "changing the source, is not at %s: build it (make) or install it (make install)",
                                    s->directory, source ? source : "another tree", looked ? looked : "its places");
                talloc_free(ctx);
                return r;
        }
        if (set_environment(s) < 0) {
                talloc_free(ctx);
                return log_error_errno(-ENOMEM, "Out of memory");
        }
        s->cow_library = talloc_steal(s, library); /* the plan binds it inside /run/host */
        log_debug("Hard-link clone of %s: preloading %s as %s", source ? source : "another tree", library,
                  COW_LIBRARY_IN_CONTAINER);
        talloc_free(ctx);
        return 0;
}
