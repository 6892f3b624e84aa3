/* File helpers. Paths inside the container's tree are resolved with openat2(RESOLVE_IN_ROOT)
 * where the kernel has it (5.6), else component by component with the same rules. */
#include "util/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/macro.h"

int write_string_file(const char *path, const char *text)
{
        _cleanup_close_ int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
        size_t len = strlen(text);
        ssize_t n;

        if (fd < 0)
                return -errno;
        n = write(fd, text, len);
        if (n < 0)
                return -errno;
        return (size_t)n == len ? 0 : -EIO;
}

int mkdir_p(const char *path, mode_t mode)
{
        char buf[PATH_MAX];

        if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
                return -ENAMETOOLONG;
        for (char *p = buf + 1;; p++) {
                if (*p != '/' && *p)
                        continue;
                char c = *p;
                *p = '\0';
                if (mkdir(buf, mode) < 0 && errno != EEXIST)
                        return -errno;
                if (!c)
                        return 0;
                *p = c;
        }
}

DIR *opendir_at(int dirfd)
{
        int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        DIR *d;

        if (fd < 0)
                return NULL;
        d = fdopendir(fd);
        if (!d) {
                int e = errno;
                close(fd);
                errno = e;
        }
        return d;
}

int read_small_file(const char *path, char *buf, size_t size)
{
        _cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        size_t off = 0;

        if (fd < 0)
                return -errno;
        while (off < size - 1) {
                ssize_t n = read(fd, buf + off, size - 1 - off);
                if (n < 0)
                        return -errno;
                if (n == 0)
                        break;
                off += (size_t)n;
        }
        buf[off] = '\0';
        return (int)off;
}

/* Resolution without openat2: walk the components, keeping the resolved prefix ourselves, so
 * that '..' never climbs above the root and a symbolic link's absolute target restarts at it. */
static int open_in_root_fallback(int rootfd, const char *path, int flags, int depth)
{
        char copy[PATH_MAX], resolved[PATH_MAX] = "", *save = NULL;
        int fd;

        if (depth > 40)
                return -ELOOP;
        if (snprintf(copy, sizeof copy, "%s", path) >= (int)sizeof copy)
                return -ENAMETOOLONG;
        for (char *c = strtok_r(copy, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
                char candidate[PATH_MAX], target[PATH_MAX], next[PATH_MAX];
                ssize_t n;

                if (streq(c, "."))
                        continue;
                if (streq(c, "..")) {
                        char *slash = strrchr(resolved, '/');
                        *(slash ? slash : resolved) = '\0';
                        continue;
                }
                if (snprintf(candidate, sizeof candidate, "%s/%s", resolved, c) >= (int)sizeof candidate)
                        return -ENAMETOOLONG;
                n = readlinkat(rootfd, candidate + 1, target, sizeof target - 1);
                if (n < 0) {
                        if (errno != EINVAL && errno != ENOENT)
                                return -errno;
                        memcpy(resolved, candidate, sizeof resolved);
                        continue;
                }
                target[n] = '\0';
                if (snprintf(next, sizeof next, "%s%s%s/%s", target[0] == '/' ? "" : resolved,
                             target[0] == '/' ? "" : "/", target, save ? save : "") >= (int)sizeof next)
                        return -ENAMETOOLONG;
                return open_in_root_fallback(rootfd, next, flags, depth + 1);
        }
        fd = openat(rootfd, resolved[0] ? resolved + 1 : ".", flags | O_NOFOLLOW | O_CLOEXEC);
        return fd < 0 ? -errno : fd;
}

int open_in_root(int rootfd, const char *path, int flags)
{
        static bool no_openat2;
        struct open_how how = {
                .flags = (uint64_t)(flags | O_CLOEXEC),
                .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
        };
        int fd;

        if (!no_openat2) {
                fd = (int)syscall(SYS_openat2, rootfd, path, &how, sizeof how);
                if (fd >= 0)
                        return fd;
                if (errno != ENOSYS && errno != EPERM)
                        return -errno;
                no_openat2 = true; /* a seccomp filter (Docker's older profiles) or an old kernel */
        }
        return open_in_root_fallback(rootfd, path, flags, 0);
}

static int create_last(int parent, const char *name, enum create_kind kind)
{
        int r;

        if (kind == CREATE_DIRECTORY)
                r = mkdirat(parent, name, 0755);
        else {
                int fd = openat(parent, name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644);
                r = fd;
                if (fd >= 0)
                        close(fd);
        }
        return r < 0 ? -errno : 0; /* EEXIST here: a dangling link, the caller follows it */
}

static int create_in_root(int rootfd, const char *path, enum create_kind kind, int depth);

/* The component is a dangling symbolic link: create what it points to, inside the root, as
 * mkdir -p does through links. */
static int create_link_target(int rootfd, int parent, const char *dir, const char *name, enum create_kind kind,
                              int depth)
{
        char target[PATH_MAX], path[PATH_MAX];
        ssize_t n = readlinkat(parent, name, target, sizeof target - 1);
        int fd;

        if (n < 0)
                return -errno;
        target[n] = '\0';
        if (snprintf(path, sizeof path, "%s%s%s", target[0] == '/' ? "" : dir, target[0] == '/' ? "" : "/", target) >=
            (int)sizeof path)
                return -ENAMETOOLONG;
        fd = create_in_root(rootfd, path, kind, depth + 1);
        if (fd < 0)
                return fd;
        close(fd);
        return 0;
}

static int create_in_root(int rootfd, const char *path, enum create_kind kind, int depth)
{
        char partial[PATH_MAX];
        const char *slash;
        int fd;

        if (depth > 40)
                return -ELOOP;
        fd = open_in_root(rootfd, path, O_PATH);
        if (fd != -ENOENT || kind == CREATE_NONE)
                return fd;
        /* create each missing component in turn, resolving the parent inside the root */
        for (const char *p = path + 1;; p = slash + 1) {
                _cleanup_close_ int parent = -EBADF;
                const char *name, *dir;
                bool last;
                int r;

                slash = strchr(p, '/');
                last = !slash || !slash[1];
                snprintf(partial, sizeof partial, "%.*s", (int)((slash ? slash : p + strlen(p)) - path), path);
                fd = open_in_root(rootfd, partial, O_PATH);
                if (fd >= 0) {
                        close(fd);
                        if (last)
                                break;
                        continue;
                }
                if (fd != -ENOENT)
                        return fd;
                name = strrchr(partial, '/');
                dir = name == partial ? "/" : strndupa(partial, (size_t)(name - partial));
                parent = open_in_root(rootfd, dir, O_PATH | O_DIRECTORY);
                if (parent < 0)
                        return parent;
                r = create_last(parent, name + 1, last ? kind : CREATE_DIRECTORY);
                if (r == -EEXIST)
                        r = create_link_target(rootfd, parent, dir, name + 1, last ? kind : CREATE_DIRECTORY, depth);
                if (r < 0)
                        return r;
                if (last)
                        break;
        }
        return open_in_root(rootfd, path, O_PATH);
}

/* The common case, a missing last component in a directory that exists (a device node in the
 * new /dev): one lookup of the parent instead of a walk from the top. -ENOENT when the parent is
 * missing too, -EEXIST when the name is a dangling link: create_in_root handles both. */
static int create_in_parent(int rootfd, const char *path, enum create_kind kind)
{
        const char *slash = strrchr(path, '/');
        _cleanup_close_ int parent = -EBADF;
        int r;

        if (!slash || !slash[1])
                return -ENOENT;
        parent = open_in_root(rootfd, slash == path ? "/" : strndupa(path, (size_t)(slash - path)),
                              O_PATH | O_DIRECTORY);
        if (parent < 0)
                return parent;
        r = create_last(parent, slash + 1, kind);
        if (r < 0)
                return r;
        return open_in_root(rootfd, path, O_PATH);
}

int open_or_create_in_root(int rootfd, const char *path, enum create_kind kind)
{
        int fd = open_in_root(rootfd, path, O_PATH);

        if (fd != -ENOENT || kind == CREATE_NONE)
                return fd;
        fd = create_in_parent(rootfd, path, kind);
        if (fd != -ENOENT && fd != -EEXIST)
                return fd;
        return create_in_root(rootfd, path, kind, 0);
}
