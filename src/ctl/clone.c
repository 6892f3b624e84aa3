/* `uspawnctl clone SRC DST`: the cheapest faithful copy of a tree the filesystem allows (reflink,
 * else a hard-link tree recorded as copy-on-write in DST.clone, else a full copy), built in a
 * locked ".#DST.XXXXXX" beside DST and renamed only when complete, so an interrupted clone never
 * leaves half a tree under DST's name. Runs as root of the user's own user namespace (mapped
 * like an import) so subordinate-id owners can be linked and written. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "clone-record.h"
#include "ctl/ctl.h"
#include "image/clone-tree.h"
#include "image/images.h"
#include "image/interrupt.h"
#include "image/remove.h"
#include "image/userns.h"
#include "util/log.h"
#include "util/talloc-util.h"

/* --method=: "auto" is CLONE_METHOD_NONE (let the walk decide). */
static int parse_method(const char *s, enum clone_method *ret)
{
        if (!s || streq(s, "auto")) {
                *ret = CLONE_METHOD_NONE;
                return 0;
        }
        *ret = clone_method_from_string(s);
        if (*ret == _CLONE_METHOD_MAX || *ret == CLONE_METHOD_NONE)
                return log_error_errno(-EINVAL, "invalid --method=%s: expected auto, reflink, hardlink or copy", s);
        return 0;
}

/* Copy SRC+suffix to DST+suffix (a temporary, then a rename that replaces nothing). Missing
 * source: nothing to do. Returns 1 when written. */
static int copy_sidecar(const struct image_ref *src, const struct image_ref *dst, const char *suffix)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        char *from = talloc_asprintf(ctx, "%s%s", src->name, suffix),
             *to = talloc_asprintf(ctx, "%s%s", dst->name, suffix), *tmp = talloc_asprintf(ctx, ".#%s.tmp", to),
             buf[65536];
        _cleanup_close_ int in = -EBADF, out = -EBADF;
        struct stat st;
        ssize_t n;
        int r = 0;

        in = openat(src->dirfd, from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (in < 0)
                return errno == ENOENT ? 0 : log_error_errno(-errno, "Failed to open %s/%s: %m", src->dir, from);
        if (fstat(in, &st) < 0 || !S_ISREG(st.st_mode))
                return log_error_errno(-EINVAL, "%s/%s is not a regular file", src->dir, from);
        out = openat(dst->dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, st.st_mode & 0777);
        if (out < 0)
                return log_error_errno(-errno, "Failed to write %s/%s: %m", dst->dir, tmp);
        while (r == 0 && (n = read(in, buf, sizeof buf)) != 0)
                if (n < 0 || write(out, buf, (size_t)n) != n)
                        r = n < 0 ? -errno : -EIO;
        if (r == 0 && renameat2(dst->dirfd, tmp, dst->dirfd, to, RENAME_NOREPLACE) < 0)
                r = -errno;
        if (r < 0) {
                (void)unlinkat(dst->dirfd, tmp, 0);
                if (r == -EEXIST)
                        return log_error_errno(r,
                                               "%s/%s already exists (left from an earlier machine?); remove it "
                                               "first",
                                               dst->dir, to);
                return log_error_errno(r, "Failed to write %s/%s: %m", dst->dir, to);
        }
        return 1;
}

static void unlink_sidecars(const struct image_ref *dst, const bool *written)
{
        for (unsigned i = 0; i < image_sidecar_count; i++)
                if (written[i]) {
                        char *p = talloc_asprintf(NULL, "%s%s", dst->name, image_sidecar_suffixes[i]);
                        (void)unlinkat(dst->dirfd, p, 0);
                        talloc_free(p);
                }
}

/* The sidecars (SRC.nspawn, SRC.owners; a new DST.clone), then the tree under its name. */
static int commit(const struct image_ref *src, const struct image_ref *dst, const char *tmp, const char *source_abs,
                  enum clone_method used)
{
        bool written[8] = {};
        int r = 0;

        for (unsigned i = 0; i < image_sidecar_count && r >= 0; i++) {
                if (streq(image_sidecar_suffixes[i], ".clone"))
                        continue;
                r = copy_sidecar(src, dst, image_sidecar_suffixes[i]);
                written[i] = r > 0;
        }
        if (r >= 0) {
                r = clone_record_write(dst->path, used, source_abs);
                if (r < 0)
                        r = log_error_errno(r, "Failed to write %s.clone: %m", dst->path);
                for (unsigned i = 0; i < image_sidecar_count; i++)
                        if (streq(image_sidecar_suffixes[i], ".clone"))
                                written[i] = r >= 0;
        }
        if (r >= 0 && import_interrupted())
                r = -EINTR;
        if (r >= 0 && renameat2(dst->dirfd, tmp, dst->dirfd, dst->name, RENAME_NOREPLACE) < 0)
                r = log_error_errno(-errno, "Failed to rename %s/%s to %s: %m", dst->dir, tmp, dst->name);
        if (r < 0)
                unlink_sidecars(dst, written);
        return r;
}

static void summary(const struct clone_tree *c, const struct image_ref *src, const struct image_ref *dst)
{
        const char *how = c->used == CLONE_METHOD_REFLINK ? "reflink (FICLONE)"
                          : c->used == CLONE_METHOD_HARDLINK
                                  ? "hardlink (copy-on-write: runs break links before writing)"
                                  : "copy";

        fprintf(stderr, "Cloned %s to %s: method %s; %llu entries, %llu files linked, %llu reflinked, %llu copied\n",
                src->arg, dst->arg, how, (unsigned long long)c->entries, (unsigned long long)c->linked,
                (unsigned long long)c->reflinked, (unsigned long long)c->copied);
        if (c->link_fallbacks)
                log_notice("%llu files could not be hard-linked (not owned by mapped ids, or on another mount) and "
                           "were copied",
                           (unsigned long long)c->link_fallbacks);
        if (c->owners_kept_ours)
                log_notice("%llu entries keep your ownership: their owners are outside the ids this user can map "
                           "(first: %s)",
                           (unsigned long long)c->owners_kept_ours, c->first_owner);
        if (c->devices_skipped)
                log_notice("%llu device nodes were skipped (first: %s): uspawn builds /dev at run time",
                           (unsigned long long)c->devices_skipped, c->first_device);
        if (c->xattr_failures)
                log_notice("%llu extended attributes could not be kept (first: %s)",
                           (unsigned long long)c->xattr_failures, c->first_xattr);
}

/* A clone inside its own source would walk into itself. */
static bool dst_inside_src(const struct image_ref *src, const struct image_ref *dst)
{
        _cleanup_free_ char *s = realpath(src->path, NULL), *d = realpath(dst->dir, NULL);
        size_t n = s ? strlen(s) : 0;

        return s && d && strncmp(d, s, n) == 0 && (d[n] == '/' || d[n] == '\0' || streq(s, "/"));
}

int verb_clone(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        _cleanup_close_ int lock = -EBADF, srcfd = -EBADF, tmpfd = -EBADF;
        struct image_ref src = {.dirfd = -EBADF}, dst = {.dirfd = -EBADF};
        struct clone_tree c = {.interrupted = import_interrupted};
        struct image_ids ids = {};
        char *tmp = NULL, *label, *source_abs;
        int r;

        if (argc != 3)
                return log_error_errno(-EINVAL, "usage: uspawnctl clone SRC DST (machine names or paths)");
        if ((r = parse_method(a->method, &c.method)) < 0 || (r = image_ref_parse(ctx, argv[1], false, &src)) < 0 ||
            (r = image_ref_parse(ctx, argv[2], true, &dst)) < 0)
                goto out;
        srcfd = openat(src.dirfd, src.name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (srcfd < 0) {
                r = log_error_errno(-errno, "No machine image '%s' (%s): %m", src.arg, src.path);
                goto out;
        }
        if (image_exists(&dst)) {
                r = log_error_errno(-EEXIST, "'%s' already exists (%s); remove it or clone under another name", dst.arg,
                                    dst.path);
                goto out;
        }
        if (dst_inside_src(&src, &dst)) {
                r = log_error_errno(-EINVAL, "'%s' would be inside '%s': clone a tree to a place outside it", dst.arg,
                                    src.arg);
                goto out;
        }
        lock = image_lock(&src, true, "clone");
        if (lock < 0 && lock != -EBADF) {
                r = lock;
                goto out;
        }
        source_abs = realpath(src.path, NULL);
        c.source = talloc_strdup(ctx, source_abs ?: src.path);
        free(source_abs);
        import_catch_signals();
        if ((r = image_enter_userns(&ids)) < 0)
                goto out;
        (void)image_sweep_stale(dst.dirfd, dst.dir, dst.in_store ? NULL : talloc_asprintf(ctx, "%s.", dst.name));
        tmpfd = image_tmp_create(ctx, dst.dirfd, dst.dir, dst.name, &tmp);
        if (tmpfd < 0) {
                r = tmpfd;
                goto out;
        }
        label = talloc_asprintf(ctx, "clone %s", dst.name);
        r = clone_tree(&c, srcfd, tmpfd, label);
        if (r >= 0)
                r = commit(&src, &dst, tmp, c.source, c.used);
        if (r >= 0) {
                summary(&c, &src, &dst);
                tmp = NULL;
        }
out:
        if (tmp && tmpfd >= 0) {
                (void)rm_rf_at(dst.dirfd, tmp);
                if (import_interrupted())
                        log_error("Interrupted: the unfinished clone '%s' was removed", dst.arg);
        }
        safe_close(src.dirfd);
        safe_close(dst.dirfd);
        return r < 0 ? r : 0;
}
