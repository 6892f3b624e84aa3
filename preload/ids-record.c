/* The fast path's core: the probe that tells whether the root emulation's filter is there, the
 * marked statx, and the ownership record (OWNERSHIP_XATTR) read in-process and laid over the
 * answer, with the supervisor's own parser (fakeroot/ownership-value.h). */
#include "ids.h"
#include "../src/fakeroot/ownership-value.h"

#define XATTR_NAME "user.containers.override_stat" /* OWNERSHIP_XATTR (fakeroot/ownership.h) */

extern char **environ;

static int active = -1;      /* -1: not asked yet */
static int no_getxattrat;    /* the kernel answered ENOSYS (before 6.13) */

static int env_set(const char *name)
{
        size_t n = cow_strlen(name);

        for (char **e = environ; e && *e; e++)
                if (cow_strncmp(*e, name, n) == 0 && (*e)[n] == '=')
                        return (*e)[n + 1] && (*e)[n + 1] != '0';
        return 0;
}

int ids_active(void)
{
        struct statx stx;

        /* a race between threads asks twice and gets the same answer */
        if (active < 0)
                active = !env_set("USPAWN_IDS_OFF") &&
                         sc5(__NR_statx, -100 /* AT_FDCWD */, "", 0, FASTPATH_PROBE_MASK, &stx) ==
                                 -FASTPATH_PROBE_ERRNO;
        return active;
}

static long proc_fd_path(char *out, int fd, const char *rest)
{
        char *p = cow_stpcpy(out, "/proc/self/fd/");

        p = cow_utoa(p, (unsigned long)fd);
        if (rest && *rest) {
                if (cow_strlen(rest) + 40 > PATH_MAX_)
                        return -ENAMETOOLONG;
                p = cow_stpcpy(p, "/");
                cow_stpcpy(p, rest);
        }
        return 0;
}

/* The record's value as getxattr reads it: length, or -errno. */
static long read_record(int dirfd, const char *path, int flags, char *buf, size_t size)
{
        int nofollow = flags & AT_SYMLINK_NOFOLLOW;
        char proc[PATH_MAX_];
        long r;

        if (!path || (!*path && (flags & AT_EMPTY_PATH))) {
                r = sc4(__NR_fgetxattr, dirfd, XATTR_NAME, buf, size);
                if (r != -EBADF) /* an O_PATH descriptor: by its /proc link below */
                        return r;
                path = "";
        } else if (*path == '/' || dirfd == -100 /* AT_FDCWD */)
                return sc4(nofollow ? __NR_lgetxattr : __NR_getxattr, path, XATTR_NAME, buf, size);
        if (*path && !no_getxattrat) {
                struct {
                        uint64_t value;
                        uint32_t size, flags;
                } args = {(uint64_t)(unsigned long)buf, (uint32_t)size, 0};
                r = sc6(__NR_getxattrat, dirfd, (long)path, nofollow, (long)XATTR_NAME, (long)&args, sizeof args);
                if (r != -ENOSYS)
                        return r;
                no_getxattrat = 1;
        }
        r = proc_fd_path(proc, dirfd, path);
        if (r < 0)
                return r;
        return sc4(nofollow ? __NR_lgetxattr : __NR_getxattr, proc, XATTR_NAME, buf, size);
}

/* What ownership_apply_statx does: the ids, and the type and device number of a placeholder;
 * the permission bits stay the real file's. */
static void apply(const struct ownership_value *v, struct statx *stx)
{
        stx->stx_uid = v->uid;
        stx->stx_gid = v->gid;
        if (v->type)
                stx->stx_mode = (uint16_t)(v->type | (stx->stx_mode & 07777));
        if (v->type == 0020000 || v->type == 0060000) {
                stx->stx_rdev_major = v->major;
                stx->stx_rdev_minor = v->minor;
                stx->stx_size = 0;
        }
}

int ids_statx(int dirfd, const char *path, int flags, unsigned mask, struct statx *stx)
{
        struct ownership_value v;
        unsigned type;
        char value[128];
        long r;

        if (!ids_active())
                return (int)sc5(__NR_statx, dirfd, path, flags, mask, stx);
        r = sc5(__NR_statx, dirfd, path, flags, mask | FASTPATH_MARKER, stx);
        if (r < 0)
                return (int)r;
        type = stx->stx_mode & S_IFMT_;
        if (!(stx->stx_mask & STATX_TYPE) || (type != S_IFREG_ && type != 0040000))
                return 0;
        r = read_record(dirfd, path, flags, value, sizeof value);
        if (r == -ENODATA || r == -EOPNOTSUPP || r == -ERANGE)
                return 0; /* no record (an oversized one the supervisor ignores too) */
        if (r < 0) /* e.g. EACCES, a name replaced meanwhile: the supervisor decides */
                return (int)sc5(__NR_statx, dirfd, path, flags, mask, stx);
        if (ownership_value_parse(value, (size_t)r, &v) == 0)
                apply(&v, stx);
        return 0;
}

int ids_statx_type(int fd, struct statx *stx)
{
        return (int)sc5(__NR_statx, fd, "", AT_EMPTY_PATH, STATX_TYPE | (ids_active() ? FASTPATH_MARKER : 0), stx);
}
