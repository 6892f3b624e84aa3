/* The exported stat family of libuspawn-ids.so: every libc entry point that stats a file, in
 * each generation's spelling (glibc >= 2.33's stat/fstatat and their 64 names, the __xstat
 * family of earlier glibc and EGLIBC, musl's, statx). Each asks the core for a statx and turns
 * it into the caller's layout; errno is set here and only here (DESIGN §3.9). */
#include "ids.h"

#define EXPORT __attribute__((visibility("default")))

extern int *__errno_location(void);

static int ret(int r)
{
        if (r < 0) {
                *__errno_location() = -r;
                return -1;
        }
        return 0;
}

/* glibc's makedev (every era): the kernel's new_encode_dev for 32-bit numbers, extended */
static unsigned long long dev(unsigned major, unsigned minor)
{
        return ((unsigned long long)(major & 0xfffu) << 8) | ((unsigned long long)(major & ~0xfffu) << 32) |
               (minor & 0xffu) | ((unsigned long long)(minor & ~0xffu) << 12);
}

/* x86_64's struct stat is the kernel's (asm/stat.h), stat64 the same, _STAT_VER 0 and 1 too */
static int stat_at(int dirfd, const char *path, int flags, kstat_t *st)
{
        struct statx stx;
        int r = ids_statx(dirfd, path, flags, STATX_BASIC_STATS, &stx);

        if (r < 0)
                return r;
        *st = (kstat_t){
                .st_dev = dev(stx.stx_dev_major, stx.stx_dev_minor),
                .st_ino = stx.stx_ino,
                .st_nlink = stx.stx_nlink,
                .st_mode = stx.stx_mode,
                .st_uid = stx.stx_uid,
                .st_gid = stx.stx_gid,
                .st_rdev = dev(stx.stx_rdev_major, stx.stx_rdev_minor),
                .st_size = (long)stx.stx_size,
                .st_blksize = stx.stx_blksize,
                .st_blocks = (long)stx.stx_blocks,
                .st_atime = (unsigned long)stx.stx_atime.tv_sec,
                .st_atime_nsec = stx.stx_atime.tv_nsec,
                .st_mtime = (unsigned long)stx.stx_mtime.tv_sec,
                .st_mtime_nsec = stx.stx_mtime.tv_nsec,
                .st_ctime = (unsigned long)stx.stx_ctime.tv_sec,
                .st_ctime_nsec = stx.stx_ctime.tv_nsec,
        };
        return 0;
}

EXPORT int stat(const char *path, kstat_t *st)
{
        return ret(stat_at(-100, path, 0, st));
}

EXPORT int lstat(const char *path, kstat_t *st)
{
        return ret(stat_at(-100, path, AT_SYMLINK_NOFOLLOW, st));
}

EXPORT int fstat(int fd, kstat_t *st)
{
        return ret(stat_at(fd, "", AT_EMPTY_PATH, st));
}

EXPORT int fstatat(int dirfd, const char *path, kstat_t *st, int flags)
{
        return ret(stat_at(dirfd, path, flags, st));
}

EXPORT int stat64(const char *path, kstat_t *st) __attribute__((alias("stat")));
EXPORT int lstat64(const char *path, kstat_t *st) __attribute__((alias("lstat")));
EXPORT int fstat64(int fd, kstat_t *st) __attribute__((alias("fstat")));
EXPORT int fstatat64(int dirfd, const char *path, kstat_t *st, int flags) __attribute__((alias("fstatat")));

/* glibc before 2.33 (and EGLIBC): stat() and friends are inline in the program, which calls
 * these with _STAT_VER (0 or 1 on x86_64: the same layout) */
EXPORT int __xstat(int ver, const char *path, kstat_t *st)
{
        return ret(stat_at(-100, path, 0, st));
}

EXPORT int __lxstat(int ver, const char *path, kstat_t *st)
{
        return ret(stat_at(-100, path, AT_SYMLINK_NOFOLLOW, st));
}

EXPORT int __fxstat(int ver, int fd, kstat_t *st)
{
        return ret(stat_at(fd, "", AT_EMPTY_PATH, st));
}

EXPORT int __fxstatat(int ver, int dirfd, const char *path, kstat_t *st, int flags)
{
        return ret(stat_at(dirfd, path, flags, st));
}

EXPORT int __xstat64(int ver, const char *path, kstat_t *st) __attribute__((alias("__xstat")));
EXPORT int __lxstat64(int ver, const char *path, kstat_t *st) __attribute__((alias("__lxstat")));
EXPORT int __fxstat64(int ver, int fd, kstat_t *st) __attribute__((alias("__fxstat")));
EXPORT int __fxstatat64(int ver, int dirfd, const char *path, kstat_t *st, int flags)
        __attribute__((alias("__fxstatat")));

/* glibc >= 2.28, musl >= 1.2.5: coreutils' ls and stat call it */
EXPORT int statx(int dirfd, const char *path, int flags, unsigned mask, struct statx *stx)
{
        struct statx tmp;
        int r = ids_statx(dirfd, path, flags, mask, &tmp);

        if (r >= 0)
                *stx = tmp;
        return ret(r);
}
