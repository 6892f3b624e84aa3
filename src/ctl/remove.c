/* `uspawnctl remove NAME...` and `uspawnctl rename OLD NEW` (machinectl's verbs): a tree goes
 * or moves together with its sidecar files; a tree a running machine uses is refused (the
 * registry's tree lock, held exclusively meanwhile). Removal runs as root of the user's own user
 * namespace, so files owned by subordinate ids and read-only directories go too, and never
 * follows a symbolic link (image/remove.h). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "ctl/ctl.h"
#include "image/images.h"
#include "image/remove.h"
#include "image/userns.h"
#include "util/log.h"
#include "util/talloc-util.h"

static int remove_sidecars(const struct image_ref *r)
{
        for (unsigned i = 0; i < image_sidecar_count; i++) {
                char *p = talloc_asprintf(NULL, "%s%s", r->name, image_sidecar_suffixes[i]);
                int e = unlinkat(r->dirfd, p, 0) < 0 && errno != ENOENT ? -errno : 0;

                if (e < 0)
                        log_error_errno(e, "Failed to remove %s/%s: %m", r->dir, p);
                talloc_free(p);
                if (e < 0)
                        return e;
        }
        return 0;
}

int verb_remove(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        struct image_ref *refs;
        int *locks, r = 0;
        struct image_ids ids = {};

        if (argc < 2)
                return log_error_errno(-EINVAL, "usage: uspawnctl remove NAME...");
        refs = talloc_zero_array(ctx, struct image_ref, argc);
        locks = talloc_array(ctx, int, argc);
        for (int i = 1; i < argc; i++)
                refs[i].dirfd = locks[i] = -EBADF;
        /* every name checked and locked before anything is removed */
        for (int i = 1; i < argc && r >= 0; i++) {
                r = image_ref_parse(ctx, argv[i], false, &refs[i]);
                if (r >= 0 && !image_exists(&refs[i]))
                        r = log_error_errno(-ENOENT, "No machine image '%s' (%s)", argv[i], refs[i].path);
                if (r >= 0) {
                        locks[i] = image_lock(&refs[i], false, "remove");
                        if (locks[i] < 0 && locks[i] != -EBADF)
                                r = locks[i];
                }
        }
        if (r >= 0)
                r = image_enter_userns(&ids);
        for (int i = 1; i < argc && r >= 0; i++) {
                r = rm_rf_at(refs[i].dirfd, refs[i].name);
                if (r < 0)
                        r = log_error_errno(r, "Failed to remove %s: %m", refs[i].path);
                else
                        r = remove_sidecars(&refs[i]);
        }
        for (int i = 1; i < argc; i++) {
                safe_close(locks[i]);
                safe_close(refs[i].dirfd);
        }
        return r < 0 ? r : 0;
}

int verb_rename(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        _cleanup_close_ int lock = -EBADF;
        struct image_ref from = {.dirfd = -EBADF}, to = {.dirfd = -EBADF};
        int r;

        if (argc != 3)
                return log_error_errno(-EINVAL, "usage: uspawnctl rename OLD NEW");
        if ((r = image_ref_parse(ctx, argv[1], false, &from)) < 0 || (r = image_ref_parse(ctx, argv[2], true, &to)) < 0)
                goto out;
        if (!image_exists(&from)) {
                r = log_error_errno(-ENOENT, "No machine image '%s' (%s)", argv[1], from.path);
                goto out;
        }
        if (image_exists(&to)) {
                r = log_error_errno(-EEXIST, "'%s' already exists (%s); choose another name", argv[2], to.path);
                goto out;
        }
        for (unsigned i = 0; i < image_sidecar_count; i++) {
                char *p = talloc_asprintf(ctx, "%s%s", to.name, image_sidecar_suffixes[i]);
                if (faccessat(to.dirfd, p, F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
                        r = log_error_errno(-EEXIST,
                                            "%s/%s already exists (left from an earlier machine?); remove "
                                            "it first",
                                            to.dir, p);
                        goto out;
                }
        }
        lock = image_lock(&from, false, "rename");
        if (lock < 0 && lock != -EBADF) {
                r = lock;
                goto out;
        }
        if (renameat2(from.dirfd, from.name, to.dirfd, to.name, RENAME_NOREPLACE) < 0) {
                r = log_error_errno(-errno, "Failed to rename %s to %s: %m", from.path, to.path);
                goto out;
        }
        for (unsigned i = 0; i < image_sidecar_count; i++) {
                char *f = talloc_asprintf(ctx, "%s%s", from.name, image_sidecar_suffixes[i]),
                     *t = talloc_asprintf(ctx, "%s%s", to.name, image_sidecar_suffixes[i]);
                if (renameat2(from.dirfd, f, to.dirfd, t, RENAME_NOREPLACE) < 0 && errno != ENOENT)
                        r = log_error_errno(-errno, "Failed to rename %s/%s to %s/%s: %m", from.dir, f, to.dir, t);
        }
out:
        safe_close(from.dirfd);
        safe_close(to.dirfd);
        return r < 0 ? r : 0;
}
