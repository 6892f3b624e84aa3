/* Paths are resolved by openat2(RESOLVE_IN_ROOT) under /proc/PID/root. A relative path is
 * joined to the directory it is relative to as the process sees it: the kernel prints
 * /proc/PID/cwd and /proc/PID/fd/N relative to the root of their mount namespace, which is the
 * container's root after pivot_root. A deleted directory has no such path: its descriptor is
 * used as the root then, which only misplaces ".." and absolute symlinks. */
#include "fakeroot/tracee.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/statfs.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <linux/magic.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/macro.h"

static int mem_io(pid_t pid, uint64_t addr, void *buf, size_t len, bool write)
{
        struct iovec local = {buf, len}, remote = {(void *)(uintptr_t)addr, len};
        ssize_t n = write ? process_vm_writev(pid, &local, 1, &remote, 1, 0)
                          : process_vm_readv(pid, &local, 1, &remote, 1, 0);

        if (n < 0)
                return -errno;
        return (size_t)n == len ? 0 : -EFAULT;
}

int tracee_read(pid_t pid, uint64_t addr, void *buf, size_t len)
{
        return mem_io(pid, addr, buf, len, false);
}

int tracee_write(pid_t pid, uint64_t addr, const void *buf, size_t len)
{
        return mem_io(pid, addr, (void *)buf, len, true);
}

/* Read page by page: a string may end just before an unmapped page. */
int tracee_read_string(pid_t pid, uint64_t addr, char *buf, size_t size)
{
        size_t off = 0;

        if (addr == 0)
                return -EFAULT;
        while (off < size - 1) {
                size_t chunk = 4096 - ((addr + off) & 4095);
                if (chunk > size - 1 - off)
                        chunk = size - 1 - off;
                int r = tracee_read(pid, addr + off, buf + off, chunk);
                if (r < 0)
                        return r;
                char *nul = memchr(buf + off, '\0', chunk);
                if (nul)
                        return 0;
                off += chunk;
        }
        return -ENAMETOOLONG;
}

static int open_proc(pid_t pid, const char *what, int flags)
{
        char path[64];

        snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, what);
        return RET_NERRNO(open(path, flags | O_CLOEXEC));
}

static int openat2_in_root(int rootfd, const char *path, int flags, mode_t mode)
{
        struct open_how how = {
                .flags = (uint64_t)(flags | O_CLOEXEC),
                .mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0,
                .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
        };

        return RET_NERRNO(syscall(SYS_openat2, rootfd, path, &how, sizeof how));
}

static bool through_proc(const char *path)
{
        while (*path == '/')
                path++;
        return startswith(path, "proc/") || streq(path, "proc");
}

/* Whether fd is on a procfs, where "self" would mean the supervisor. */
static bool through_proc_fd(int fd)
{
        struct statfs sf;

        return fstatfs(fd, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC;
}

/* The directory dirfd names in pid, as an in-root path (malloc'ed) or, when it has none, an
 * O_PATH descriptor (*ret_fd). */
static int base_of(pid_t pid, int dirfd, char **ret_path, int *ret_fd)
{
        char what[32], proc[64], link[4096];
        ssize_t n;

        if (dirfd == AT_FDCWD)
                snprintf(what, sizeof what, "cwd");
        else
                snprintf(what, sizeof what, "fd/%d", dirfd);
        snprintf(proc, sizeof proc, "/proc/%d/%s", (int)pid, what);
        n = readlink(proc, link, sizeof link - 1);
        if (n > 0 && link[0] == '/' && (size_t)n < sizeof link - 1) {
                link[n] = '\0';
                if (!strstr(link, " (deleted)")) {
                        *ret_path = strdup(link);
                        return *ret_path ? 0 : -ENOMEM;
                }
        }
        *ret_path = NULL;
        *ret_fd = open_proc(pid, what, O_PATH | O_DIRECTORY);
        return *ret_fd < 0 ? *ret_fd : 0;
}

int tracee_open_at(pid_t pid, int dirfd, const char *path, bool nofollow, int open_flags, mode_t mode)
{
        int flags = (open_flags ? open_flags : O_PATH) | (nofollow ? O_NOFOLLOW : 0);
        _cleanup_close_ int rootfd = -EBADF, basefd = -EBADF;
        _cleanup_free_ char *base = NULL, *joined = NULL;
        int r;

        if (path[0] == '\0') {
                char what[32];
                if (open_flags)
                        return -EINVAL;
                if (dirfd == AT_FDCWD)
                        snprintf(what, sizeof what, "cwd");
                else
                        snprintf(what, sizeof what, "fd/%d", dirfd);
                return open_proc(pid, what, O_PATH); /* the magic link: the file itself */
        }
        if (path[0] != '/' && !strchr(path, '/') && !streq(path, "..")) {
                /* one component: no ".." and no symlink on the way, so the directory's own
                 * descriptor resolves it as the process would (find, tar, ls call this way) */
                char what[32];
                if (dirfd == AT_FDCWD)
                        snprintf(what, sizeof what, "cwd");
                else
                        snprintf(what, sizeof what, "fd/%d", dirfd);
                basefd = open_proc(pid, what, O_PATH | O_DIRECTORY);
                if (basefd < 0)
                        return basefd;
                if (through_proc_fd(basefd))
                        return -EXDEV;
                r = RET_NERRNO(openat(basefd, path, (open_flags ? open_flags : O_PATH) | O_NOFOLLOW | O_CLOEXEC, mode));
                if (r < 0 || nofollow || open_flags)
                        return r;
                struct stat st;
                if (fstat(r, &st) == 0 && !S_ISLNK(st.st_mode))
                        return r;
                close(r); /* a symlink to follow: resolve it in the root */
                basefd = safe_close(basefd);
        }
        if (path[0] != '/') {
                r = base_of(pid, dirfd, &base, &basefd);
                if (r < 0)
                        return r;
                if (!base)
                        return openat2_in_root(basefd, path, flags, mode);
                if (asprintf(&joined, "%s/%s", base, path) < 0)
                        return -ENOMEM;
                path = joined;
        }
        if (through_proc(path))
                return -EXDEV;
        rootfd = open_proc(pid, "root", O_PATH | O_DIRECTORY);
        if (rootfd < 0)
                return rootfd;
        return openat2_in_root(rootfd, path, flags, mode);
}

int tracee_open_parent(pid_t pid, int dirfd, const char *path, const char **ret_name)
{
        const char *slash, *name;
        _cleanup_free_ char *dir = NULL;
        size_t len = strlen(path);

        /* "a/b/" names b */
        while (len > 1 && path[len - 1] == '/')
                len--;
        dir = strndup(path, len);
        if (!dir)
                return -ENOMEM;
        slash = strrchr(dir, '/');
        if (!slash) {
                *ret_name = path;
                return tracee_open_at(pid, dirfd, ".", false, O_PATH | O_DIRECTORY, 0);
        }
        name = path + (slash - dir) + 1;
        if (*name == '\0' || len == 1)
                return -EEXIST; /* "/" */
        dir[slash - dir == 0 ? 1 : slash - dir] = '\0';
        *ret_name = name;
        return tracee_open_at(pid, dirfd, dir, false, O_PATH | O_DIRECTORY, 0);
}

mode_t tracee_umask(pid_t pid)
{
        char path[64], buf[4096], *p;

        snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
        if (read_small_file(path, buf, sizeof buf) < 0 || !(p = strstr(buf, "\nUmask:")))
                return 022;
        return (mode_t)strtoul(p + 7, NULL, 8) & 0777;
}
