/* Naming, guarding and sweeping trees for the image verbs. A temporary is "alive" while the
 * process that made it holds an flock on it; kill -9 drops the lock with the process. */
#include "image/images.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "cli/parse.h"
#include "image/remove.h"
#include "image/store.h"
#include "registry.h"
#include "util/log.h"

const char *const image_sidecar_suffixes[] = {".nspawn", ".clone", ".owners"};
const unsigned image_sidecar_count = ELEMENTSOF(image_sidecar_suffixes);

static int mkdir_parents(const char *path)
{
        char buf[4096];

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

int image_ref_parse(void *ctx, const char *arg, bool create_store, struct image_ref *ret)
{
        struct image_ref r = {.arg = talloc_strdup(ctx, arg), .dirfd = -EBADF};
        size_t len = strlen(arg);

        if (strchr(arg, '/')) {
                char *copy = talloc_strdup(ctx, arg), *slash;

                while (len > 1 && copy[len - 1] == '/')
                        copy[--len] = '\0';
                slash = strrchr(copy, '/');
                r.name = talloc_strdup(ctx, slash ? slash + 1 : copy);
                r.dir = slash == copy ? talloc_strdup(ctx, "/")
                        : slash       ? talloc_strndup(ctx, copy, (size_t)(slash - copy))
                                      : talloc_strdup(ctx, ".");
                if (!r.name[0] || streq(r.name, ".") || streq(r.name, ".."))
                        return log_error_errno(-EINVAL, "'%s' does not name a tree: give its directory's path", arg);
        } else {
                if (!machine_name_is_valid(arg))
                        return log_error_errno(-EINVAL,
                                               "Invalid machine name '%s': use up to 64 letters, digits, '-', '_' "
                                               "and '.', or give a path (with a '/')",
                                               arg);
                r.dir = store_machines_dir(ctx);
                if (!r.dir)
                        return log_error_errno(-EINVAL,
                                               "Neither $XDG_DATA_HOME nor $HOME is set: no machines directory");
                r.name = talloc_strdup(ctx, arg);
                r.in_store = true;
                if (create_store && mkdir_parents(r.dir) < 0)
                        return log_error_errno(-errno, "Failed to create %s: %m", r.dir);
        }
        r.path = talloc_asprintf(ctx, "%s/%s", r.dir, r.name);
        r.dirfd = open(r.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (r.dirfd < 0) {
                if (errno == ENOENT && r.in_store)
                        return log_error_errno(-ENOENT, "No machine image '%s' (%s does not exist)", arg, r.dir);
                return log_error_errno(-errno, "Failed to open %s: %m", r.dir);
        }
        *ret = r;
        return 0;
}

bool image_exists(const struct image_ref *r)
{
        struct stat st;

        return fstatat(r->dirfd, r->name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

int image_lock(const struct image_ref *r, bool shared, const char *verb)
{
        void *ctx = talloc_new(NULL);
        struct machine_record m;
        struct stat st;
        int fd;

        if (fstatat(r->dirfd, r->name, &st, 0) < 0)
                return talloc_free(ctx), log_error_errno(-errno, "No machine image '%s' (%s): %m", r->arg, r->path);
        fd = registry_lock_tree(st.st_dev, st.st_ino, shared);
        if (fd == -EBUSY)
                return talloc_free(ctx),
                       log_error_errno(-EBUSY,
                                       "Machine image '%s' is in use by a running machine%s; stop it first (uspawnctl "
                                       "list, uspawnctl terminate NAME) to %s it",
                                       r->arg, shared ? " with write access" : "", verb);
        if (fd >= 0 && r->in_store && registry_load(ctx, r->name, &m) == 0 && !shared) {
                close(fd);
                return talloc_free(ctx),
                       log_error_errno(-EBUSY,
                                       "Machine '%s' is running (on %s); stop it first (uspawnctl terminate %s)",
                                       r->name, m.root, r->name);
        }
        talloc_free(ctx);
        return fd < 0 ? -EBADF : fd;
}

int image_tmp_create(void *ctx, int dirfd, const char *dir, const char *name, char **ret_name)
{
        char *path = talloc_asprintf(ctx, "%s/.#%s.XXXXXX", dir, name);
        int fd;

        if (!path || !mkdtemp(path))
                return log_error_errno(path ? -errno : -ENOMEM, "Failed to create a temporary directory in %s: %m",
                                       dir);
        fd = openat(dirfd, strrchr(path, '/') + 1, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) < 0) {
                int r = -errno;
                if (fd >= 0)
                        close(fd);
                (void)unlinkat(dirfd, strrchr(path, '/') + 1, AT_REMOVEDIR);
                return log_error_errno(r, "Failed to lock %s: %m", path);
        }
        *ret_name = talloc_strdup(ctx, strrchr(path, '/') + 1);
        return fd;
}

/* Dead when nobody holds its lock. */
static bool tmp_is_dead(int dirfd, const char *name)
{
        int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        bool dead;

        if (fd < 0)
                return false;
        dead = flock(fd, LOCK_EX | LOCK_NB) == 0;
        close(fd);
        return dead;
}

int image_sweep_stale(int dirfd, const char *dir, const char *prefix)
{
        int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC), n = 0; /* not a dup: its own offset */
        struct dirent *de;
        DIR *d;

        if (fd < 0)
                return -errno;
        d = fdopendir(fd);
        if (!d)
                return close(fd), -ENOMEM;
        while ((de = readdir(d))) {
                if (!startswith(de->d_name, ".#") || (prefix && !startswith(de->d_name + 2, prefix)))
                        continue;
                if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
                        continue;
                if (!tmp_is_dead(dirfd, de->d_name))
                        continue;
                if (rm_rf_at(dirfd, de->d_name) < 0) {
                        log_warning("Failed to remove the leftover temporary %s/%s", dir, de->d_name);
                        continue;
                }
                log_info("Removed %s/%s, left by an interrupted clone or import", dir, de->d_name);
                n++;
        }
        closedir(d);
        return n;
}
