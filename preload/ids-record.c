/* The fast path's core: the probe that tells whether the root emulation's filter is there, the
 * marked statx, and the ownership record (OWNERSHIP_XATTR) read in-process and laid over the
 * answer, with the supervisor's own parser (fakeroot/ownership-value.h).
 *
 * Programs stat the same file again and again (find: a directory before and after opening it;
 * tar: a file by name, then its descriptor before and after reading it), and reading the record
 * was most of what a stat cost here, so the records read are kept per process, by (device,
 * inode, ctime). Writing or removing an extended attribute sets the file's ctime, and so does
 * unlinking it (a name reused by another file: the first inode's ctime moves too), so a record
 * that changed, in this process or any other, no longer matches its key. ctime comes from a
 * clock that may lag a tick behind and a change within the same tick could keep it, so only
 * files whose ctime is older than this process's start by a margin are kept: every change after
 * the process started carries a later ctime than any kept key (unless the clock is set back). */
#include "ids.h"
#include "../src/fakeroot/ownership-value.h"

#define XATTR_NAME "user.containers.override_stat" /* OWNERSHIP_XATTR (fakeroot/ownership.h) */

extern char **environ;

#define CACHE_SLOTS 256   /* a power of two; direct-mapped by inode number */
#define CACHE_MARGIN 2    /* seconds: ctime lags the clock by a tick at most */
#define CLOCK_REALTIME_ 0

static int active = -1;      /* -1: not asked yet */
static int no_getxattrat;    /* the kernel answered ENOSYS (before 6.13) */
static long keep_before;     /* ctime seconds below which records are kept (0: keep none) */

struct cached {
        char busy; /* taken by one thread (or signal handler) at a time: the others go around */
        char has;  /* 1: the record v; 0: the file has none */
        uint32_t dev_major, dev_minor, ctime_nsec;
        uint64_t ino;
        int64_t ctime_sec;
        struct ownership_value v;
};
static struct cached cache[CACHE_SLOTS];

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
        struct kts now;

        /* a race between threads asks twice and gets the same answer */
        if (active < 0) {
                if (sc2(__NR_clock_gettime, CLOCK_REALTIME_, &now) == 0 && now.tv_sec > CACHE_MARGIN)
                        keep_before = now.tv_sec - CACHE_MARGIN;
                active = !env_set("USPAWN_IDS_OFF") &&
                         sc5(__NR_statx, -100 /* AT_FDCWD */, "", 0, FASTPATH_PROBE_MASK, &stx) ==
                                 -FASTPATH_PROBE_ERRNO;
        }
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

/* The slot that may hold stx's file, taken; NULL when its ctime is too recent to keep or the
 * slot is in use elsewhere. */
static struct cached *take_slot(const struct statx *stx)
{
        struct cached *c;

        if ((stx->stx_mask & (STATX_INO | STATX_CTIME)) != (STATX_INO | STATX_CTIME) ||
            stx->stx_ctime.tv_sec >= keep_before)
                return 0;
        c = &cache[(stx->stx_ino ^ (stx->stx_ino >> 16)) & (CACHE_SLOTS - 1)];
        if (__atomic_exchange_n(&c->busy, 1, __ATOMIC_ACQUIRE))
                return 0;
        return c;
}

static void give_back(struct cached *c)
{
        __atomic_store_n(&c->busy, 0, __ATOMIC_RELEASE);
}

static int same_file(const struct cached *c, const struct statx *stx)
{
        return c->ino == stx->stx_ino && c->dev_major == stx->stx_dev_major && c->dev_minor == stx->stx_dev_minor &&
               c->ctime_sec == stx->stx_ctime.tv_sec && c->ctime_nsec == stx->stx_ctime.tv_nsec;
}

/* The record of the file stx describes (dirfd, path, flags name it): 1 and *v, 0 for none, or
 * -errno when only the supervisor can tell. */
static int lookup_record(int dirfd, const char *path, int flags, const struct statx *stx, struct ownership_value *v)
{
        struct cached *c = take_slot(stx);
        char value[128];
        long r;
        int has;

        if (c && same_file(c, stx)) {
                has = c->has;
                *v = c->v;
                give_back(c);
                return has;
        }
        r = read_record(dirfd, path, flags, value, sizeof value);
        if (r >= 0)
                has = ownership_value_parse(value, (size_t)r, v) == 0;
        else if (r == -ENODATA || r == -EOPNOTSUPP || r == -ERANGE)
                has = 0; /* no record (an oversized one the supervisor ignores too) */
        else
                has = (int)r; /* e.g. EACCES, a name replaced meanwhile: the supervisor decides */
        if (c && has >= 0) {
                /* the key is the statx made before the read: a change after it moves ctime */
                *c = (struct cached){.busy = 1, .has = (char)has, .dev_major = stx->stx_dev_major,
                                     .dev_minor = stx->stx_dev_minor, .ctime_nsec = stx->stx_ctime.tv_nsec,
                                     .ino = stx->stx_ino, .ctime_sec = stx->stx_ctime.tv_sec};
                if (has)
                        c->v = *v;
        }
        if (c)
                give_back(c);
        return has;
}

int ids_statx(int dirfd, const char *path, int flags, unsigned mask, struct statx *stx)
{
        struct ownership_value v;
        unsigned type;
        long r;

        if (!ids_active())
                return (int)sc5(__NR_statx, dirfd, path, flags, mask, stx);
        /* the cache's key: the kernel fills both on every local file system anyway */
        r = sc5(__NR_statx, dirfd, path, flags, mask | STATX_INO | STATX_CTIME | FASTPATH_MARKER, stx);
        if (r < 0)
                return (int)r;
        type = stx->stx_mode & S_IFMT_;
        if (!(stx->stx_mask & STATX_TYPE) || (type != S_IFREG_ && type != 0040000))
                return 0;
        r = lookup_record(dirfd, path, flags, stx, &v);
        if (r < 0)
                return (int)sc5(__NR_statx, dirfd, path, flags, mask, stx);
        if (r)
                apply(&v, stx);
        return 0;
}

int ids_statx_type(int fd, struct statx *stx)
{
        return (int)sc5(__NR_statx, fd, "", AT_EMPTY_PATH, STATX_TYPE | (ids_active() ? FASTPATH_MARKER : 0), stx);
}
