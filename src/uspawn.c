/* uspawn: run a command in a root file system tree, as an ordinary user. Parse, validate,
 * plan, pick a backend, run — one line per step. */
#include <stdlib.h>
#include <talloc.h>

#include "backend.h"
#include "cli/nspawn-file.h"
#include "cli/options.h"
#include "cow-inject.h"
#include "vsyscall-preload.h"
#include "plan.h"
#include "settings.h"
#include "supervise/supervisor.h"
#include "util/log.h"

static int run(void *ctx, int argc, char *argv[])
{
        struct settings *s = settings_new(ctx);
        const struct backend *backend;
        struct plan *p;
        int r;

        if (!s)
                return log_error_errno(-ENOMEM, "Out of memory");
        r = options_parse(s, argc, argv);
        if (r != PARSE_RUN)
                return r < 0 ? r : 0;
        if (s->quiet)
                log_set_max_level(LOG_LEVEL_WARNING);
        r = settings_resolve_tree(s);
        if (r < 0)
                return r;
        r = nspawn_files_load(s);
        if (r < 0)
                return r;
        log_parse_environment();
        r = settings_finalize(s);
        if (r < 0)
                return r;
        r = cow_inject(s);
        if (r < 0)
                return r;
        r = vsyscall_preload_inject(s);
        if (r < 0)
                return r;
        r = ids_inject(s);
        if (r < 0)
                return r;
        p = plan_build(s, s);
        if (!p)
                return log_error_errno(-ENOMEM, "Out of memory");
        if (s->dry_run) {
                plan_print(p, stdout);
                return 0;
        }
        r = backend_select(s, &backend);
        if (r < 0)
                return r;
        while ((r = backend_run(s, p, backend)) == EXIT_REBOOT && s->restart_on_reboot)
                log_info("Container %s rebooted; starting it again.", s->machine);
        return r;
}

int main(int argc, char *argv[])
{
        void *ctx = talloc_new(NULL);
        int r;

        log_set_program("uspawn");
        r = run(ctx, argc, argv);
        talloc_free(ctx);
        return r < 0 ? EXIT_FAILURE : r;
}
