/* Canonical paths for the prefix check: where (dirfd, path) really is, through symlinked
 * directories and relative to any cwd or dirfd. The kernel answers best: open the file with
 * O_PATH and read /proc/self/fd/N. Without /proc (or O_PATH, before Linux 2.6.39) the path is
 * walked component by component with readlink, like realpath(3), in raw system calls. */
#include "cow.h"

#define MAX_LINKS 40

int cow_fd_path(int fd, char *out)
{
        char link[32], *p = cow_stpcpy(link, "/proc/self/fd/");
        long n;

        cow_utoa(p, (unsigned long)fd);
        n = sc4(__NR_readlinkat, AT_FDCWD, link, out, PATH_MAX_ - 1);
        if (n < 0)
                return (int)n;
        out[n] = 0;
        return out[0] == '/' ? 0 : -ENOENT; /* "pipe:[...]", "anon_inode:..." */
}

static int by_proc(int dirfd, const char *path, int nofollow, char *out)
{
        long fd = sc4(__NR_openat, dirfd, path, O_PATH | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0), 0);
        int r;

        if (fd < 0)
                return (int)fd;
        r = cow_fd_path((int)fd, out);
        sc1(__NR_close, fd);
        return r;
}

/* out = out with its last component removed ("/" stays "/") */
static void pop(char *out, size_t *len)
{
        while (*len > 1 && out[*len - 1] != '/')
                (*len)--;
        if (*len > 1)
                (*len)--;
        out[*len] = 0;
}

static int start(int dirfd, const char *path, char *out, size_t *len)
{
        long n;

        if (path[0] == '/')
                n = (out[0] = '/', out[1] = 0, 1);
        else if (dirfd == AT_FDCWD)
                n = sc2(__NR_getcwd, out, PATH_MAX_) > 0 ? (long)cow_strlen(out) : -ENOENT;
        else
                n = cow_fd_path(dirfd, out) < 0 ? -ENOENT : (long)cow_strlen(out);
        if (n < 0)
                return (int)n;
        if (out[0] != '/') /* getcwd's "(unreachable)" */
                return -ENOENT;
        *len = (size_t)n;
        return 0;
}

static int by_walk(int dirfd, const char *path, int nofollow, char *out)
{
        char pending[2 * PATH_MAX_], target[2 * PATH_MAX_];
        const char *rest = pending;
        size_t len = 0, plen = cow_strlen(path);
        int links = 0, r = start(dirfd, path, out, &len);

        if (r < 0)
                return r;
        if (plen >= sizeof pending)
                return -ENAMETOOLONG;
        memcpy(pending, path, plen + 1);
        for (;;) {
                const char *comp, *end;
                size_t clen;
                long n;
                int last;

                while (*rest == '/')
                        rest++;
                if (!*rest)
                        return 0;
                comp = rest;
                for (end = comp; *end && *end != '/'; end++)
                        ;
                clen = (size_t)(end - comp);
                rest = end;
                for (end = rest; *end == '/'; end++)
                        ;
                last = !*end;
                if (clen == 1 && comp[0] == '.')
                        continue;
                if (clen == 2 && comp[0] == '.' && comp[1] == '.') {
                        pop(out, &len);
                        continue;
                }
                if (len + clen + 2 > PATH_MAX_)
                        return -ENAMETOOLONG;
                if (len > 1)
                        out[len++] = '/';
                memcpy(out + len, comp, clen);
                len += clen;
                out[len] = 0;
                if (last && nofollow)
                        return 0;
                n = sc4(__NR_readlinkat, AT_FDCWD, out, target, PATH_MAX_ - 1);
                if (n == -EINVAL || (n == -ENOENT && last))
                        continue; /* not a symlink, or a file about to be created */
                if (n < 0)
                        return (int)n;
                if (++links > MAX_LINKS)
                        return -ELOOP;
                /* continue with the link's target followed by what was left */
                if ((size_t)n + 1 + cow_strlen(rest) + 1 > sizeof target)
                        return -ENAMETOOLONG;
                target[n] = '/';
                cow_stpcpy(target + n + 1, rest);
                memmove(pending, target, cow_strlen(target) + 1);
                rest = pending;
                if (target[0] == '/')
                        len = (out[0] = '/', out[1] = 0, 1);
                else
                        pop(out, &len);
        }
}

int cow_canonical(const struct cow_config *c, int dirfd, const char *path, int nofollow, char *out)
{
        int r = c->no_proc ? -ENOENT : by_proc(dirfd, path, nofollow, out);

        /* no /proc, no O_PATH (then the open needed read permission), or nothing there yet: the
         * walk answers, or says why not */
        if (r < 0 && r != -ELOOP && r != -ENAMETOOLONG)
                r = by_walk(dirfd, path, nofollow, out);
        return r;
}
