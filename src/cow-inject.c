/* The LD_PRELOAD shims uspawn hands to containers, each bound read-only under /run/host/uspawn
 * and named in LD_PRELOAD (both can be active at once).
 *
 * Runs of a hard-link clone (uspawnctl clone's fallback when the file system cannot reflink)
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
#include "host.h"
#include "userns/idmap.h"
#include "util/log.h"
#include "util/macro.h"
#include "util/strv.h"

#ifndef USPAWN_COW_LIBDIR
#define USPAWN_COW_LIBDIR "/usr/local/lib/uspawn"
#endif

/* The shims uspawn can inject: file name, the variable that names another copy, and where the
 * container sees it. */
struct shim {
        const char *file, *override_env, *in_container;
};
static const struct shim shim_cow = {"libuspawn-cow.so", "USPAWN_COW_LIBRARY", COW_LIBRARY_IN_CONTAINER};
static const struct shim shim_ids = {"libuspawn-ids.so", "USPAWN_IDS_LIBRARY", IDS_LIBRARY_IN_CONTAINER};

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

/* LD_PRELOAD with the shim first (a preload list given with -E, or another shim's, is kept
 * after it), and vars (NULL-terminated); a booted systemd gets them too. */
static char *find_library(void *ctx, const struct shim *shim, char **ret_looked)
{
        return preload_find_library(ctx, shim->file, shim->override_env, ret_looked);
}

static int preload_shim(struct settings *s, const struct shim *shim, const char *const *vars)
{
        const char *user = strv_env_get(s->environment, "LD_PRELOAD");
        char *preload = talloc_asprintf(s, "LD_PRELOAD=%s%s%s", shim->in_container, user && *user ? ":" : "",
                                        user ? user : "");

        if (!preload || strv_env_set(s, &s->environment, preload) < 0)
                return -ENOMEM;
        for (size_t i = 0; vars[i]; i++)
                if (strv_env_set(s, &s->environment, vars[i]) < 0)
                        return -ENOMEM;
        /* A booted systemd starts its services with a clean environment, not its own; in a
         * container it reads PID 1's arguments as the kernel command line, where systemd.setenv=
         * sets the default environment of every unit (a later LD_PRELOAD= wins: it names every
         * shim). sysvinit and BusyBox init pass theirs on. */
        if (s->boot && s->init.kind == INIT_SYSTEMD) {
                char *arg = talloc_asprintf(s, "systemd.setenv=%s", preload);
                if (!arg || strv_append(s, &s->command, arg) < 0)
                        return -ENOMEM;
                for (size_t i = 0; vars[i]; i++) {
                        arg = talloc_asprintf(s, "systemd.setenv=%s", vars[i]);
                        if (!arg || strv_append(s, &s->command, arg) < 0)
                                return -ENOMEM;
                }
        }
        return 0;
}

/* The COW shim's variables: the whole tree protected except what --bind brings from the host,
 * whose files are meant to be written (breaking links there would change the user's
 * directories, not protect the source). */
static int set_environment(struct settings *s)
{
        char *exclude = talloc_strdup(s, "USPAWN_COW_EXCLUDE=");
        const char *vars[] = {"USPAWN_COW_PATH=/", NULL, NULL};

        for (unsigned i = 0; i < s->n_binds && exclude; i++)
                if (!s->binds[i].source_in_root)
                        exclude = talloc_asprintf_append(exclude, "%s%s", i ? ":" : "", s->binds[i].destination);
        if (!exclude)
                return -ENOMEM;
        if (s->n_binds)
                vars[1] = exclude;
        return preload_shim(s, &shim_cow, vars);
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
        library = find_library(ctx, &shim_cow, &looked);
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

/* Whether the userns backend will map only root, as backend.c's decide_maps will find (a late
 * fallback of newuidmap to one id is not foreseen: that run goes without the fast path). */
static bool only_root_mapped(const struct settings *s)
{
        struct idmaps maps;

        idmaps_decide(s->private_users, &maps);
        return !maps.use_helpers;
}

int ids_inject(struct settings *s)
{
        const char *off = getenv("USPAWN_IDS_FASTPATH");
        const char *vars[] = {NULL};
        char *library, *looked = NULL;
        void *ctx;

        if (s->emulate_ids == EMULATE_IDS_NO || s->backend == BACKEND_TRACE || (off && streq(off, "0")) ||
            (s->emulate_ids == EMULATE_IDS_AUTO && !only_root_mapped(s)))
                return 0;
        ctx = talloc_new(s);
        if (!ctx)
                return log_error_errno(-ENOMEM, "Out of memory");
        library = find_library(ctx, &shim_ids, &looked);
        if (!library) {
                /* the emulation stays correct without it, only slower */
                log_info("libuspawn-ids.so is not at %s: every stat in the container will stop in the root emulation "
                         "(build it with make, or install it with make install).",
                         looked && *looked ? looked : "its places");
                talloc_free(ctx);
                return 0;
        }
        if (preload_shim(s, &shim_ids, vars) < 0) {
                talloc_free(ctx);
                return log_error_errno(-ENOMEM, "Out of memory");
        }
        s->ids_library = talloc_steal(s, library); /* the plan binds it inside /run/host */
        log_debug("Root emulation: preloading %s as %s", library, IDS_LIBRARY_IN_CONTAINER);
        talloc_free(ctx);
        return 0;
}
