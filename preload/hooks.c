/* The exported entry points: every libc function that can open a file for writing or change an
 * inode through a path or an fd. Each one asks the core to break a shared file's links first
 * (prepare*), then makes the real system call itself, and sets errno here and only here.
 * Functions whose libc versions do more than one system call (fopen, freopen) call the next
 * definition in the process after the break; see next.c for how it is found. */
#include <stdarg.h>

#include "cow.h"

#define EXPORT __attribute__((visibility("default")))

/* Unversioned references: every glibc and musl defines them. fdopen and fileno are weak: the
 * hooks that need them say ENOSYS without them rather than refuse to load. */
extern int *__errno_location(void);
extern void *fdopen(int fd, const char *mode) __attribute__((weak));
extern int fileno(void *stream) __attribute__((weak));

static long ret(long r)
{
        if (r < 0) {
                *__errno_location() = (int)-r;
                return -1;
        }
        return r;
}

static void *ret_null(int r)
{
        *__errno_location() = -r;
        return 0;
}

enum op { OP_WRITE, OP_CHMOD, OP_CHOWN };

/* An operation that would leave the inode as it is needs no private copy: chmod to the same
 * mode, chown to the same owner of a file without set-id bits (which chown clears). */
static int unchanged(enum op op, const kstat_t *st, unsigned long a, unsigned long b)
{
        if (op == OP_CHMOD)
                return (st->st_mode & 07777) == (a & 07777);
        if (op == OP_CHOWN)
                return ((unsigned)a == (unsigned)-1 || a == st->st_uid) &&
                       ((unsigned)b == (unsigned)-1 || b == st->st_gid) && !(st->st_mode & 06000);
        return 0;
}

/* Break (dirfd, path)'s links when it is a shared regular file under a protected prefix. The
 * common case costs one fstatat: a missing, unshared or special file needs nothing more. */
static int prepare_fd(int fd, enum op op, unsigned long a, unsigned long b);

/* N when path is /proc/self/fd/N (or /dev/fd/N, /proc/thread-self/fd/N): such a path reaches
 * whatever fd N holds, whatever the name now is, so it is fd N that must be swapped. */
static int magic_fd(const char *path)
{
        static const char *const prefixes[] = {"/proc/self/fd/", "/dev/fd/", "/proc/thread-self/fd/"};
        long n = -1;

        for (unsigned i = 0; i < sizeof prefixes / sizeof prefixes[0] && n < 0; i++) {
                size_t len = cow_strlen(prefixes[i]);
                if (cow_strncmp(path, prefixes[i], len) == 0 && path[len]) {
                        n = 0;
                        for (const char *p = path + len; *p && n >= 0; p++)
                                n = *p >= '0' && *p <= '9' && n < 100000000 ? n * 10 + (*p - '0') : -1;
                }
        }
        return (int)n;
}

static int prepare(int dirfd, const char *path, int nofollow, enum op op, unsigned long a, unsigned long b)
{
        const struct cow_config *c = cow_config();
        char canon[PATH_MAX_];
        kstat_t st;
        int r;

        if (!c || !path)
                return 0;
        if (sc4(__NR_newfstatat, dirfd, path, &st, nofollow ? AT_SYMLINK_NOFOLLOW : 0) < 0 ||
            !(IS_REG(st.st_mode) || (nofollow && IS_LNK(st.st_mode) && op != OP_CHMOD)) || st.st_nlink < 2 ||
            unchanged(op, &st, a, b))
                return 0;
        if (!nofollow && magic_fd(path) >= 0)
                return prepare_fd(magic_fd(path), op, a, b);
        r = cow_canonical(c, dirfd, path, nofollow, canon);
        if (r < 0) {
                /* a shared file whose place we cannot tell: refuse rather than risk the original */
                cow_debug("cannot resolve", path, r);
                return r;
        }
        if (!cow_protected(c, canon))
                return 0;
        r = IS_LNK(st.st_mode) ? cow_break_symlink(c, canon, &st) : cow_break(c, canon, &st);
        return r < 0 ? r : 0;
}

/* The same for an fd: break the links of the file it names, then put an fd to the private copy
 * (same access mode, status flags, offset and close-on-exec) in its place, so that this call
 * and every later one through the fd act on the copy. */
static int prepare_fd_at(int fd, enum op op, unsigned long a, unsigned long b, int dirfd, const char *path,
                         int nofollow)
{
        const struct cow_config *c = cow_config();
        char canon[PATH_MAX_];
        kstat_t st, now;
        long flags, fdflags, nfd, pos;
        int r;

        if (!c || sc2(__NR_fstat, fd, &st) < 0 || !IS_REG(st.st_mode) || st.st_nlink < 2 || unchanged(op, &st, a, b))
                return 0;
        flags = sc2(__NR_fcntl, fd, 3 /* F_GETFL */);
        fdflags = sc2(__NR_fcntl, fd, 1 /* F_GETFD */);
        if (flags < 0 || fdflags < 0)
                return 0; /* the call itself will fail */
        r = c->no_proc ? -ENOENT : cow_fd_path(fd, canon);
        if (r < 0 && path) /* no /proc: the path the fd was just opened by */
                r = cow_canonical(c, dirfd, path, nofollow, canon);
        if (r < 0) {
                cow_debug("cannot name fd of shared file", 0, r);
                return -EPERM;
        }
        if (!cow_protected(c, canon))
                return 0;
        r = cow_break(c, canon, &st);
        if (r < 0)
                return r;
        /* 0: another process broke it first, or it is no longer shared */
        if (r == 0 && (sc4(__NR_newfstatat, AT_FDCWD, canon, &now, AT_SYMLINK_NOFOLLOW) < 0 ||
                       (now.st_dev == st.st_dev && now.st_ino == st.st_ino)))
                return 0;
        /* O_PATH fds count too: fchownat(fd, "", AT_EMPTY_PATH) and /proc/self/fd/N reach the
         * inode through them (systemd-tmpfiles works that way) */
        nfd = sc4(__NR_openat, AT_FDCWD, canon,
                  (flags & O_PATH
                           ? O_PATH
                           : flags & (O_ACCMODE | O_APPEND | O_NONBLOCK | O_DSYNC | O_DIRECT | O_NOATIME | __O_SYNC)) |
                          O_NOFOLLOW | O_NOCTTY | O_CLOEXEC,
                  0);
        if (nfd < 0)
                return (int)nfd;
        pos = sc3(__NR_lseek, fd, 0, SEEK_CUR_);
        if (pos > 0)
                sc3(__NR_lseek, nfd, pos, SEEK_SET_);
        r = (int)sc2(__NR_dup2, nfd, fd);
        sc1(__NR_close, nfd);
        if (r >= 0 && (fdflags & 1 /* FD_CLOEXEC */))
                sc3(__NR_fcntl, fd, 2 /* F_SETFD */, 1);
        return r < 0 ? r : 0;
}

static int prepare_fd(int fd, enum op op, unsigned long a, unsigned long b)
{
        return prepare_fd_at(fd, op, a, b, AT_FDCWD, 0, 0);
}

/* --- open and friends ---------------------------------------------------------------------- */

/* A write-open without O_TRUNC changes nothing by itself, so it is made first and the fd's own
 * fstat decides (what a program pays when nothing is shared: one fstat, no second path walk);
 * a shared file's fd is then swapped for one to the private copy. O_TRUNC would already have
 * emptied the shared inode: those opens look at the path first. */
static long do_openat(int dirfd, const char *path, int flags, unsigned mode)
{
        long fd;
        int r;

        if (((flags & O_ACCMODE) == O_RDONLY && !(flags & O_TRUNC)) || (flags & (__O_TMPFILE | O_PATH)) ||
            !cow_config())
                return sc4(__NR_openat, dirfd, path, flags, mode);
        if (!(flags & O_TRUNC)) {
                fd = sc4(__NR_openat, dirfd, path, flags, mode);
                if (fd >= 0) {
                        r = prepare_fd_at((int)fd, OP_WRITE, 0, 0, dirfd, path, !!(flags & O_NOFOLLOW));
                        if (r < 0) {
                                sc1(__NR_close, fd);
                                return r;
                        }
                        return fd;
                }
                if (fd != -ETXTBSY) /* a running program's file: its copy will not be busy */
                        return fd;
        }
        r = prepare(dirfd, path, !!(flags & O_NOFOLLOW), OP_WRITE, 0, 0);
        return r < 0 ? r : sc4(__NR_openat, dirfd, path, flags, mode);
}

static unsigned open_mode(int flags, va_list ap)
{
        return (flags & O_CREAT) || (flags & __O_TMPFILE) == __O_TMPFILE ? va_arg(ap, unsigned) : 0;
}

EXPORT int open(const char *path, int flags, ...)
{
        va_list ap;
        unsigned mode;

        va_start(ap, flags);
        mode = open_mode(flags, ap);
        va_end(ap);
        return (int)ret(do_openat(AT_FDCWD, path, flags, mode));
}

EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
        va_list ap;
        unsigned mode;

        va_start(ap, flags);
        mode = open_mode(flags, ap);
        va_end(ap);
        return (int)ret(do_openat(dirfd, path, flags, mode));
}

/* _FORTIFY_SOURCE's checked versions: called without a mode */
EXPORT int __open_2(const char *path, int flags)
{
        return (int)ret(do_openat(AT_FDCWD, path, flags, 0));
}

EXPORT int __openat_2(int dirfd, const char *path, int flags)
{
        return (int)ret(do_openat(dirfd, path, flags, 0));
}

EXPORT int creat(const char *path, unsigned mode)
{
        return (int)ret(do_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode));
}

/* x86_64 has one off_t: the *64 names are the same functions */
EXPORT int open64(const char *path, int flags, ...) __attribute__((alias("open")));
EXPORT int openat64(int dirfd, const char *path, int flags, ...) __attribute__((alias("openat")));
EXPORT int __open64_2(const char *path, int flags) __attribute__((alias("__open_2")));
EXPORT int __openat64_2(int dirfd, const char *path, int flags) __attribute__((alias("__openat_2")));
EXPORT int creat64(const char *path, unsigned mode) __attribute__((alias("creat")));

/* --- stdio: glibc's fopen and freopen open through an internal function, not through the
 * exported open, so they are hooked themselves --------------------------------------------- */

static int mode_writes(const char *mode)
{
        if (!mode || mode[0] == 'w' || mode[0] == 'a')
                return 1;
        for (; *mode && *mode != ','; mode++) /* ",ccs=" ends the flags */
                if (*mode == '+')
                        return 1;
        return 0;
}

static void *next_cached(void **slot, const char *name, const char *alt)
{
        void *f = __atomic_load_n(slot, __ATOMIC_ACQUIRE);

        if (!f) {
                f = cow_next(name);
                if (!f && alt)
                        f = cow_next(alt);
                __atomic_store_n(slot, f, __ATOMIC_RELEASE);
        }
        return f;
}

/* Without a next fopen (cannot happen with glibc or musl, but the shim must not crash): open
 * the file here and hand the fd to the C library's fdopen, with fopen's flags for the mode. */
static void *fopen_by_fdopen(const char *path, const char *mode)
{
        int flags = mode[0] == 'r'   ? O_RDONLY
                    : mode[0] == 'w' ? O_WRONLY | O_CREAT | O_TRUNC
                    : mode[0] == 'a' ? O_WRONLY | O_CREAT | O_APPEND
                                     : -1;
        long fd;
        void *f;
        int e;

        if (flags < 0)
                return ret_null(-EINVAL);
        for (const char *m = mode + 1; *m && *m != ','; m++)
                flags |= *m == '+' ? O_RDWR & ~O_WRONLY : *m == 'x' ? O_EXCL : *m == 'e' ? O_CLOEXEC : 0;
        if (flags & O_RDWR)
                flags &= ~O_WRONLY;
        if (!fdopen)
                return ret_null(-ENOSYS);
        fd = sc4(__NR_openat, AT_FDCWD, path, flags, 0666);
        if (fd < 0)
                return ret_null((int)fd);
        f = fdopen((int)fd, mode);
        if (!f) {
                e = *__errno_location();
                sc1(__NR_close, fd);
                *__errno_location() = e;
        }
        return f;
}

static void *hook_fopen(void **slot, const char *name, const char *path, const char *mode)
{
        void *(*real)(const char *, const char *);
        int r = mode_writes(mode) ? prepare(AT_FDCWD, path, 0, OP_WRITE, 0, 0) : 0;

        if (r < 0)
                return ret_null(r);
        real = (void *(*)(const char *, const char *))next_cached(slot, name, "fopen");
        return real ? real(path, mode) : fopen_by_fdopen(path, mode);
}

EXPORT void *fopen(const char *path, const char *mode)
{
        static void *next;
        return hook_fopen(&next, "fopen", path, mode);
}

EXPORT void *fopen64(const char *path, const char *mode)
{
        static void *next;
        return hook_fopen(&next, "fopen64", path, mode);
}

static void *hook_freopen(void **slot, const char *name, const char *path, const char *mode, void *stream)
{
        void *(*real)(const char *, const char *, void *);
        int r = 0;

        if (mode_writes(mode))
                /* freopen(NULL, mode, f) reopens f's own file (through /proc/self/fd in glibc) */
                r = path               ? prepare(AT_FDCWD, path, 0, OP_WRITE, 0, 0)
                    : fileno && stream ? prepare_fd(fileno(stream), OP_WRITE, 0, 0)
                                       : 0;
        if (r < 0)
                return ret_null(r);
        real = (void *(*)(const char *, const char *, void *))next_cached(slot, name, "freopen");
        return real ? real(path, mode, stream) : ret_null(-ENOSYS);
}

EXPORT void *freopen(const char *path, const char *mode, void *stream)
{
        static void *next;
        return hook_freopen(&next, "freopen", path, mode, stream);
}

EXPORT void *freopen64(const char *path, const char *mode, void *stream)
{
        static void *next;
        return hook_freopen(&next, "freopen64", path, mode, stream);
}

/* posix_spawn opens its redirections in the child through libc's internal open: the link is
 * broken when the action is recorded, in the parent. */
EXPORT int posix_spawn_file_actions_addopen(void *actions, int fd, const char *path, int flags, unsigned mode)
{
        static void *next;
        int (*real)(void *, int, const char *, int, unsigned);
        int r = 0;

        if (((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)) && !(flags & (__O_TMPFILE | O_PATH)))
                r = prepare(AT_FDCWD, path, !!(flags & O_NOFOLLOW), OP_WRITE, 0, 0);
        if (r < 0)
                return -r; /* posix_spawn's functions return the error number */
        real = (int (*)(void *, int, const char *, int, unsigned))next_cached(&next, "posix_spawn_file_actions_addopen",
                                                                              0);
        return real ? real(actions, fd, path, flags, mode) : ENOSYS;
}

/* --- size, mode, owner ------------------------------------------------------------------- */

EXPORT int truncate(const char *path, long length)
{
        int r = prepare(AT_FDCWD, path, 0, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc2(__NR_truncate, path, length));
}

EXPORT int ftruncate(int fd, long length)
{
        int r = prepare_fd(fd, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc2(__NR_ftruncate, fd, length));
}

EXPORT int truncate64(const char *path, long length) __attribute__((alias("truncate")));
EXPORT int ftruncate64(int fd, long length) __attribute__((alias("ftruncate")));

EXPORT int chmod(const char *path, unsigned mode)
{
        int r = prepare(AT_FDCWD, path, 0, OP_CHMOD, mode, 0);
        return (int)ret(r < 0 ? r : sc3(__NR_fchmodat, AT_FDCWD, path, mode));
}

EXPORT int fchmod(int fd, unsigned mode)
{
        int r = prepare_fd(fd, OP_CHMOD, mode, 0);
        return (int)ret(r < 0 ? r : sc2(__NR_fchmod, fd, mode));
}

static long chmod_nofollow(int dirfd, const char *path, unsigned mode, int flags)
{
        long r = sc4(__NR_fchmodat2, dirfd, path, mode, flags);
        kstat_t st;

        if (r != -ENOSYS)
                return r;
        /* before Linux 6.6: what glibc does, a symlink's mode cannot be changed */
        if (flags & ~AT_SYMLINK_NOFOLLOW)
                return -EINVAL;
        r = sc4(__NR_newfstatat, dirfd, path, &st, AT_SYMLINK_NOFOLLOW);
        if (r < 0)
                return r;
        return IS_LNK(st.st_mode) ? -EOPNOTSUPP : sc3(__NR_fchmodat, dirfd, path, mode);
}

EXPORT int fchmodat(int dirfd, const char *path, unsigned mode, int flags)
{
        int r = prepare(dirfd, path, !!(flags & AT_SYMLINK_NOFOLLOW), OP_CHMOD, mode, 0);

        if (r < 0)
                return (int)ret(r);
        return (int)ret(flags ? chmod_nofollow(dirfd, path, mode, flags) : sc3(__NR_fchmodat, dirfd, path, mode));
}

EXPORT int chown(const char *path, unsigned uid, unsigned gid)
{
        int r = prepare(AT_FDCWD, path, 0, OP_CHOWN, uid, gid);
        return (int)ret(r < 0 ? r : sc5(__NR_fchownat, AT_FDCWD, path, uid, gid, 0));
}

EXPORT int lchown(const char *path, unsigned uid, unsigned gid)
{
        int r = prepare(AT_FDCWD, path, 1, OP_CHOWN, uid, gid);
        return (int)ret(r < 0 ? r : sc5(__NR_fchownat, AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW));
}

EXPORT int fchown(int fd, unsigned uid, unsigned gid)
{
        int r = prepare_fd(fd, OP_CHOWN, uid, gid);
        return (int)ret(r < 0 ? r : sc3(__NR_fchown, fd, uid, gid));
}

EXPORT int fchownat(int dirfd, const char *path, unsigned uid, unsigned gid, int flags)
{
        int r = (flags & AT_EMPTY_PATH) && path && !*path
                        ? prepare_fd(dirfd, OP_CHOWN, uid, gid)
                        : prepare(dirfd, path, !!(flags & AT_SYMLINK_NOFOLLOW), OP_CHOWN, uid, gid);
        return (int)ret(r < 0 ? r : sc5(__NR_fchownat, dirfd, path, uid, gid, flags));
}

/* --- times --------------------------------------------------------------------------------- */

struct utimbuf_ {
        long actime, modtime;
};

EXPORT int utime(const char *path, const struct utimbuf_ *t)
{
        int r = prepare(AT_FDCWD, path, 0, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc2(__NR_utime, path, t));
}

EXPORT int utimes(const char *path, const struct ktv tv[2])
{
        int r = prepare(AT_FDCWD, path, 0, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc2(__NR_utimes, path, tv));
}

EXPORT int futimesat(int dirfd, const char *path, const struct ktv tv[2])
{
        int r = path ? prepare(dirfd, path, 0, OP_WRITE, 0, 0) : prepare_fd(dirfd, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc3(__NR_futimesat, dirfd, path, tv));
}

EXPORT int futimes(int fd, const struct ktv tv[2])
{
        int r = prepare_fd(fd, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc3(__NR_futimesat, fd, 0, tv));
}

static long timeval_call(int dirfd, const char *path, const struct ktv tv[2], int flags)
{
        struct kts ts[2];

        if (!tv)
                return sc4(__NR_utimensat, dirfd, path, 0, flags);
        for (int i = 0; i < 2; i++) {
                if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
                        return -EINVAL;
                ts[i].tv_sec = tv[i].tv_sec;
                ts[i].tv_nsec = tv[i].tv_usec * 1000;
        }
        return sc4(__NR_utimensat, dirfd, path, ts, flags);
}

EXPORT int lutimes(const char *path, const struct ktv tv[2])
{
        int r = prepare(AT_FDCWD, path, 1, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : timeval_call(AT_FDCWD, path, tv, AT_SYMLINK_NOFOLLOW));
}

static int omits_both(const struct kts ts[2])
{
        return ts && ts[0].tv_nsec == UTIME_OMIT_ && ts[1].tv_nsec == UTIME_OMIT_;
}

EXPORT int futimens(int fd, const struct kts ts[2])
{
        int r = omits_both(ts) ? 0 : prepare_fd(fd, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc4(__NR_utimensat, fd, 0, ts, 0));
}

EXPORT int utimensat(int dirfd, const char *path, const struct kts ts[2], int flags)
{
        int r = 0;

        if (!omits_both(ts))
                r = !path || ((flags & AT_EMPTY_PATH) && !*path)
                            ? prepare_fd(dirfd, OP_WRITE, 0, 0)
                            : prepare(dirfd, path, !!(flags & AT_SYMLINK_NOFOLLOW), OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc4(__NR_utimensat, dirfd, path, ts, flags));
}

/* --- extended attributes --------------------------------------------------------------------- */

EXPORT int setxattr(const char *path, const char *name, const void *value, size_t size, int flags)
{
        int r = prepare(AT_FDCWD, path, 0, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc5(__NR_setxattr, path, name, value, size, flags));
}

EXPORT int lsetxattr(const char *path, const char *name, const void *value, size_t size, int flags)
{
        int r = prepare(AT_FDCWD, path, 1, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc5(__NR_lsetxattr, path, name, value, size, flags));
}

EXPORT int fsetxattr(int fd, const char *name, const void *value, size_t size, int flags)
{
        int r = prepare_fd(fd, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc5(__NR_fsetxattr, fd, name, value, size, flags));
}

EXPORT int removexattr(const char *path, const char *name)
{
        int r = prepare(AT_FDCWD, path, 0, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc2(__NR_removexattr, path, name));
}

EXPORT int lremovexattr(const char *path, const char *name)
{
        int r = prepare(AT_FDCWD, path, 1, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc2(__NR_lremovexattr, path, name));
}

EXPORT int fremovexattr(int fd, const char *name)
{
        int r = prepare_fd(fd, OP_WRITE, 0, 0);
        return (int)ret(r < 0 ? r : sc2(__NR_fremovexattr, fd, name));
}
