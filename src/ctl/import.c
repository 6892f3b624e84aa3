/* `uspawnctl import-tar FILE [NAME]`, `import-fs DIR [NAME]`, `import-oci DIR[:TAG] [NAME]` and
 * `import-docker DIR-OR-TAR [NAME]`: an image or tree into $XDG_DATA_HOME/uspawn/machines/NAME,
 * rootless, all or nothing (image/store.h). */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "ctl/ctl.h"
#include "image/import.h"
#include "image/manifest.h"
#include "image/nspawn-settings.h"
#include "util/log.h"
#include "util/talloc-util.h"

static int want_args(int argc, char **argv, const char *usage)
{
        if (argc < 2 || argc > 3) {
                log_error("usage: uspawnctl %s", usage);
                return -EINVAL;
        }
        return 0;
}

/* NAME if given, else derived from the source; a name that cannot be derived is reported. */
static int pick_name(void *ctx, int argc, char **argv, const char *suggested, const char **ret)
{
        const char *name = argc > 2 ? argv[2] : suggested;

        if (!name || !name[0])
                return log_error_errno(-EINVAL, "Cannot derive a machine name from '%s'; give NAME", argv[1]);
        *ret = name;
        return 0;
}

int verb_import_tar(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        _cleanup_import_ struct import *im = NULL;
        const char *name = NULL;
        int r;

        if ((r = want_args(argc, argv, "import-tar FILE [NAME]")) < 0 ||
            (r = pick_name(ctx, argc, argv, streq(argv[1], "-") ? NULL : store_name_from_path(ctx, argv[1]), &name)) <
                    0)
                return r;
        if ((r = import_begin(ctx, name, false, &im)) < 0 || (r = import_tar(im, argv[1])) < 0)
                return r;
        return import_commit(im);
}

int verb_import_fs(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        _cleanup_import_ struct import *im = NULL;
        const char *name = NULL;
        struct stat st;
        int r;

        if ((r = want_args(argc, argv, "import-fs DIR [NAME]")) < 0 ||
            (r = pick_name(ctx, argc, argv, store_name_from_path(ctx, argv[1]), &name)) < 0)
                return r;
        if (stat(argv[1], &st) < 0 || !S_ISDIR(st.st_mode))
                return log_error_errno(stat(argv[1], &st) < 0 ? -errno : -ENOTDIR,
                                       "%s is not a directory: import-fs copies a directory tree", argv[1]);
        if ((r = import_begin(ctx, name, false, &im)) < 0 || (r = import_fs(im, argv[1])) < 0)
                return r;
        return import_commit(im);
}

/* Apply the image's layers (in the directory fd, named label) and keep its config's command
 * as NAME.nspawn. */
static int import_image(struct import *im, int fd, const char *label, const struct image_manifest *m)
{
        int r = import_layers(im, fd, label, m);

        if (r < 0)
                return r;
        im->settings = nspawn_settings_from_config(im, m->config, label);
        return 0;
}

/* DIR[:TAG]: a tag only when DIR itself is not a directory. */
static void split_reference(void *ctx, const char *ref, char **ret_dir, char **ret_tag)
{
        const char *colon = strrchr(ref, ':');
        struct stat st;

        *ret_tag = NULL;
        *ret_dir = talloc_strdup(ctx, ref);
        if (colon && !strchr(colon, '/') && !(stat(ref, &st) == 0 && S_ISDIR(st.st_mode))) {
                *ret_dir = talloc_strndup(ctx, ref, (size_t)(colon - ref));
                *ret_tag = talloc_strdup(ctx, colon + 1);
        }
}

int verb_import_oci(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        _cleanup_import_ struct import *im = NULL;
        _cleanup_close_ int fd = -EBADF;
        struct image_manifest m = {};
        const char *name = NULL, *arch = a->arch ?: oci_host_arch();
        char *dir, *tag;
        int r;

        if ((r = want_args(argc, argv, "import-oci DIR[:TAG] [NAME]")) < 0)
                return r;
        split_reference(ctx, argv[1], &dir, &tag);
        if ((r = pick_name(ctx, argc, argv, store_name_from_path(ctx, dir), &name)) < 0)
                return r;
        fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
                return log_error_errno(-errno, "Failed to open the OCI layout %s: %m", dir);
        r = oci_read_layout(ctx, fd, dir, tag, arch, &m);
        if (r < 0)
                return r;
        if ((r = import_begin(ctx, name, true, &im)) >= 0 && (r = import_image(im, fd, dir, &m)) >= 0)
                r = import_commit(im);
        json_object_put(m.config);
        return r;
}

int verb_import_docker(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        _cleanup_import_ struct import *im = NULL;
        _cleanup_close_ int fd = -EBADF;
        struct image_manifest m = {};
        const char *name = NULL, *label = argv[1];
        char *dir = argv[1];
        struct stat st;
        bool is_dir;
        int r;

        if ((r = want_args(argc, argv, "import-docker DIR-OR-TAR [NAME]")) < 0 ||
            (r = pick_name(ctx, argc, argv, streq(argv[1], "-") ? NULL : store_name_from_path(ctx, argv[1]), &name)) <
                    0)
                return r;
        if (!streq(dir, "-") && stat(dir, &st) < 0)
                return log_error_errno(-errno, "Failed to open %s: %m", dir);
        is_dir = !streq(dir, "-") && S_ISDIR(st.st_mode);
        if ((r = import_begin(ctx, name, true, &im)) < 0)
                return r;
        if (!is_dir && (r = import_unpack_scratch(im, argv[1], &dir)) < 0)
                return r;
        fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
                return log_error_errno(-errno, "Failed to open %s: %m", dir);
        if (streq(label, "-"))
                label = "standard input";
        if ((r = docker_read_archive(ctx, fd, label, &m)) >= 0 && (r = import_image(im, fd, label, &m)) >= 0)
                r = import_commit(im);
        json_object_put(m.config);
        return r;
}
