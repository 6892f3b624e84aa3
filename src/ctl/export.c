/* `uspawnctl export-tar NAME FILE`: a machine of the store as a tar archive ("-": stdout). */
#include <sys/stat.h>
#include <talloc.h>

#include "cli/parse.h"
#include "ctl/ctl.h"
#include "image/export.h"
#include "image/store.h"
#include "util/log.h"
#include "util/talloc-util.h"

int verb_export_tar(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        char *dir, *tree;
        struct stat st;

        if (argc != 3) {
                log_error("usage: uspawnctl export-tar NAME FILE");
                return -EINVAL;
        }
        dir = store_machines_dir(ctx);
        if (!dir)
                return log_error_errno(-EINVAL, "Neither $XDG_DATA_HOME nor $HOME is set to find machine '%s'",
                                       argv[1]);
        tree = talloc_asprintf(ctx, "%s/%s", dir, argv[1]);
        if (!machine_name_is_valid(argv[1]) || stat(tree, &st) < 0 || !S_ISDIR(st.st_mode))
                return log_error_errno(-ENOENT, "Machine '%s' not found in %s", argv[1], dir);
        return image_export_tar(ctx, tree, talloc_asprintf(ctx, "%s/%s.owners", dir, argv[1]), argv[2]);
}
