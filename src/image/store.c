/* The machine store and the import transaction: a hidden ".#import-NAME.XXXXXX" tree beside the
 * final name, renamed (never replacing anything) when complete, removed otherwise. */
#include "image/store.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "cli/parse.h"
#include "image/interrupt.h"
#include "image/remove.h"
#include "util/log.h"
#include "util/paths.h"

/* Suffixes a file name loses to become a machine name, longest first. */
static const char *const archive_suffixes[] = {
        ".tar.gz", ".tar.xz", ".tar.zst", ".tar.bz2", ".tar.lz4", ".tgz", ".txz",
        ".tzst",   ".tbz2",   ".tbz",     ".tar",     ".oci",     ".docker",
};

char *store_machines_dir(void *ctx)
{
        return machines_directory(ctx);
}

char *store_name_from_path(void *ctx, const char *path)
{
        char *copy = talloc_strdup(ctx, path), *base, *name;
        size_t n;

        n = strlen(copy);
        while (n > 1 && copy[n - 1] == '/')
                copy[--n] = '\0';
        base = strrchr(copy, '/');
        name = talloc_strdup(ctx, base ? base + 1 : copy);
        for (size_t i = 0; i < ELEMENTSOF(archive_suffixes); i++) {
                size_t len = strlen(name), sl = strlen(archive_suffixes[i]);
                if (len > sl && streq(name + len - sl, archive_suffixes[i])) {
                        name[len - sl] = '\0';
                        break;
                }
        }
        if (strlen(name) > 64)
                name[64] = '\0';
        for (char *p = name; *p; p++)
                if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", *p))
                        *p = '-';
        while (name[0] == '-' || name[0] == '.')
                memmove(name, name + 1, strlen(name));
        return name;
}

static int mkdir_p(const char *path)
{
        char buf[PATH_MAX];

        if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
                return -ENAMETOOLONG;
        for (char *p = buf + 1;; p++) {
                if (*p != '/' && *p)
                        continue;
                char c = *p;
                *p = '\0';
                if (mkdir(buf, 0755) < 0 && errno != EEXIST)
                        return -errno;
                if (!c)
                        return 0;
                *p = c;
        }
}

static int import_destructor(struct import *im)
{
        if (!im->committed && im->tmp && im->dirfd >= 0) {
                int r = rm_rf_at(im->dirfd, im->tmp);
                if (r < 0)
                        log_warning("Failed to remove the unfinished import %s/%s: %s", im->dir, im->tmp,
                                    strerror(-r));
                if (import_interrupted())
                        log_error("Interrupted: the unfinished import of '%s' was removed", im->name);
        }
        unpack_done(&im->unpack);
        im->rootfd = safe_close(im->rootfd);
        im->dirfd = safe_close(im->dirfd);
        return 0;
}

void import_freep(struct import **im)
{
        TALLOC_FREE(*im);
}

static int lock_destructor(int *fd)
{
        safe_close(*fd);
        return 0;
}

/* A hidden directory ".#import-NAME[what].XXXXXX" in the machines directory, flock'ed as long as
 * the import lives so a later clone or list-images can tell it from a dead import's leftover
 * (image/images.h). */
static char *make_hidden_dir(struct import *im, const char *what)
{
        char *path = talloc_asprintf(im, "%s/.#import-%s%s.XXXXXX", im->dir, im->name, what);
        int *lock;

        if (!path || !mkdtemp(path)) {
                log_error_errno(path ? -errno : -ENOMEM, "Failed to create a temporary directory in %s: %m", im->dir);
                return NULL;
        }
        lock = talloc(path, int);
        if (lock) {
                *lock = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                if (*lock >= 0)
                        (void)flock(*lock, LOCK_EX | LOCK_NB);
                talloc_set_destructor(lock, lock_destructor);
        }
        return path;
}

int import_begin(void *ctx, const char *name, bool whiteouts, struct import **ret)
{
        struct import *im;
        char *path;
        int r;

        if (!machine_name_is_valid(name))
                return log_error_errno(-EINVAL,
                                       "Invalid machine name '%s': use up to 64 letters, digits, '-', '_' and '.'; "
                                       "give NAME explicitly",
                                       name);
        im = talloc_zero(ctx, struct import);
        if (!im)
                return log_error_errno(-ENOMEM, "Out of memory");
        im->ctx = im;
        im->dirfd = im->rootfd = -EBADF;
        im->unpack.cached_fd = -EBADF;
        im->name = talloc_strdup(im, name);
        talloc_set_destructor(im, import_destructor);
        im->dir = store_machines_dir(im);
        if (!im->dir)
                return talloc_free(im),
                       log_error_errno(-EINVAL, "Neither $XDG_DATA_HOME nor $HOME is set: nowhere to put machine '%s'",
                                       name);
        r = mkdir_p(im->dir);
        if (r < 0)
                return talloc_free(im), log_error_errno(r, "Failed to create %s: %m", im->dir);
        im->dirfd = open(im->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (im->dirfd < 0)
                return r = -errno, talloc_free(im), log_error_errno(r, "Failed to open %s: %m", im->dir);
        if (faccessat(im->dirfd, name, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
                return talloc_free(im), log_error_errno(-EEXIST,
                                                        "Machine '%s' already exists in %s; remove it or import "
                                                        "under another name",
                                                        name, im->dir);
        import_catch_signals();
        r = image_enter_userns(&im->ids);
        if (r < 0)
                return talloc_free(im), r;
        path = make_hidden_dir(im, "");
        if (!path)
                return talloc_free(im), -EIO;
        im->tmp = talloc_strdup(im, strrchr(path, '/') + 1);
        im->rootfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (im->rootfd < 0 || fchmod(im->rootfd, 0755) < 0)
                return r = -errno, talloc_free(im), log_error_errno(r, "Failed to open %s: %m", path);
        r = unpack_init(&im->unpack, im, im->rootfd, &im->ids, whiteouts);
        if (r < 0)
                return talloc_free(im), r;
        *ret = im;
        return 0;
}

/* Scratch directories go when the import goes, committed or not. */
static int scratch_destructor(char *path)
{
        const char *slash = strrchr(path, '/');
        int dirfd = open(talloc_strndup(path, path, (size_t)(slash - path)), O_RDONLY | O_DIRECTORY | O_CLOEXEC);

        if (dirfd >= 0) {
                (void)rm_rf_at(dirfd, slash + 1);
                close(dirfd);
        }
        return 0;
}

int import_scratch_dir(struct import *im, char **ret_path)
{
        char *path = make_hidden_dir(im, ".scratch");

        if (!path)
                return -EIO;
        talloc_set_destructor(path, scratch_destructor);
        *ret_path = path;
        return 0;
}

/* Write text to dir/name atomically (a temporary, then rename). */
static int write_beside(struct import *im, const char *name, int (*write_fn)(struct import *, FILE *))
{
        char *tmp = talloc_asprintf(im, ".#%s.tmp", name);
        int fd = openat(im->dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644), r;
        FILE *f;

        if (fd < 0)
                return log_error_errno(-errno, "Failed to write %s/%s: %m", im->dir, tmp);
        f = fdopen(fd, "w");
        if (!f)
                return r = -errno, close(fd), log_error_errno(r, "Failed to write %s/%s: %m", im->dir, tmp);
        r = write_fn(im, f);
        if (fclose(f) != 0 && r >= 0)
                r = -errno;
        if (r >= 0 && renameat(im->dirfd, tmp, im->dirfd, name) < 0)
                r = -errno;
        if (r < 0) {
                unlinkat(im->dirfd, tmp, 0);
                return log_error_errno(r, "Failed to write %s/%s: %m", im->dir, name);
        }
        return 0;
}

static int write_records(struct import *im, FILE *f)
{
        return unpack_write_records(&im->unpack, f);
}

static int write_settings(struct import *im, FILE *f)
{
        fputs(im->settings, f);
        return ferror(f) ? -EIO : 0;
}

int import_commit(struct import *im)
{
        char *owners = talloc_asprintf(im, "%s.owners", im->name);
        int r;

        r = unpack_finish(&im->unpack);
        if (r < 0)
                return r;
        if (unpack_has_records(&im->unpack)) {
                (void)unpack_apply_records(&im->unpack); /* what the root emulation shows */
                r = write_beside(im, owners, write_records);
                if (r < 0)
                        return r;
                log_info("Owners the import could not write (%s) and device nodes it skipped are listed in %s/%s",
                         im->ids.why_not ?: "ids beyond the mapped range", im->dir, owners);
        } else
                (void)unlinkat(im->dirfd, owners, 0); /* a stale record of an earlier machine */
        if (im->settings) {
                r = write_beside(im, talloc_asprintf(im, "%s.nspawn", im->name), write_settings);
                if (r < 0)
                        return r;
        }
        if (import_interrupted())
                return -EINTR;
        if (renameat2(im->dirfd, im->tmp, im->dirfd, im->name, RENAME_NOREPLACE) < 0)
                return log_error_errno(-errno, "Failed to rename %s/%s to %s: %m", im->dir, im->tmp, im->name);
        im->committed = true;
        return 0;
}
