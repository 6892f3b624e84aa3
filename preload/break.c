/* Breaking a hard link: the name is pointed at a private copy in one rename(2), so it never
 * disappears and the original inode is never written. The copy is made in the same directory:
 * an O_TMPFILE (no name until it is complete, so a crash leaves nothing behind) or, where the
 * file system or kernel has none, a random ".NAME.cow-XXXXXXXX" removed on every error path.
 * Data keeps its holes (SEEK_DATA/SEEK_HOLE) and moves by copy_file_range, then sendfile, then
 * read/write; owner, mode (set-id bits after the chown), extended attributes and times follow,
 * then fsync, then the rename. Concurrent breaks of one file serialize on flock(2) of the
 * original and the loser finds the name already replaced. */
#include "cow.h"

#define BUF_SIZE (256 * 1024)

struct job {
        int dfd, sfd, tfd;
        const char *base;
        kstat_t st;
        char *buf; /* BUF_SIZE bytes, mmap'ed when first needed: no malloc, not the caller's stack */
        char tmpname[300];
        int named;       /* tmpname exists in the directory */
        int link_failed; /* the O_TMPFILE could not be given a name */
};

static int same_inode(const kstat_t *a, const kstat_t *b)
{
        return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static int need_buffer(struct job *j)
{
        long p;

        if (j->buf)
                return 0;
        p = sc6(__NR_mmap, 0, BUF_SIZE, 3 /* RW */, 0x22 /* PRIVATE|ANON */, -1, 0);
        if ((unsigned long)p > -4096ul)
                return (int)p;
        j->buf = (char *)p;
        return 0;
}

static int copy_fallback(struct job *j, long off, long len)
{
        /* sendfile writes at the output's position */
        long r = sc3(__NR_lseek, j->tfd, off, SEEK_SET_);

        while (r >= 0 && len > 0) {
                long in = off;
                r = sc4(__NR_sendfile, j->tfd, j->sfd, &in, len);
                if (r <= 0)
                        break;
                off += r, len -= r;
        }
        if (r == 0 || len == 0)
                return 0;
        if (r != -EINVAL && r != -ENOSYS && r != -EOPNOTSUPP)
                return (int)r;
        if ((r = need_buffer(j)) < 0)
                return (int)r;
        while (len > 0) {
                long n = sc4(__NR_pread64, j->sfd, j->buf, len < BUF_SIZE ? len : BUF_SIZE, off);
                if (n <= 0)
                        return (int)n;
                for (long done = 0; done < n;) {
                        long w = sc4(__NR_pwrite64, j->tfd, j->buf + done, n - done, off + done);
                        if (w < 0)
                                return (int)w;
                        done += w;
                }
                off += n, len -= n;
        }
        return 0;
}

static int copy_range(struct job *j, long off, long len)
{
        while (len > 0) {
                long in = off, out = off;
                long n = sc6(__NR_copy_file_range, j->sfd, (long)&in, j->tfd, (long)&out, len, 0);
                if (n == 0)
                        return 0; /* the file shrank: copy what there is */
                if (n < 0)
                        return n == -ENOSPC || n == -EDQUOT || n == -EIO ? (int)n : copy_fallback(j, off, len);
                off += n, len -= n;
        }
        return 0;
}

static int copy_data(struct job *j)
{
        long size = j->st.st_size, off = 0;
        /* fewer blocks than the size needs: there are holes to look for (two lseeks a segment) */
        int sparse = j->st.st_blocks * 512 < j->st.st_size;

        while (off < size) {
                long data = sparse ? sc3(__NR_lseek, j->sfd, off, SEEK_DATA_) : -EINVAL, hole;
                int r;

                if (data == -ENXIO)
                        break; /* only a hole is left */
                if (data < 0)  /* no SEEK_DATA here: all of it is data */
                        data = off, hole = size;
                else
                        hole = sc3(__NR_lseek, j->sfd, data, SEEK_HOLE_);
                if (hole < 0 || hole > size)
                        hole = size;
                r = copy_range(j, data, hole - data);
                if (r < 0)
                        return r;
                off = hole;
        }
        return (int)sc2(__NR_ftruncate, j->tfd, size); /* the trailing hole */
}

static int copy_xattrs(struct job *j)
{
        long n = sc3(__NR_flistxattr, j->sfd, 0, 0); /* the size: 0 for most files */
        char *value;
        int r;

        if (n == -EOPNOTSUPP || n == -ENOSYS || n == 0)
                return 0;
        if (n < 0)
                return (int)n;
        if ((r = need_buffer(j)) < 0)
                return r;
        value = j->buf + 64 * 1024;
        n = sc3(__NR_flistxattr, j->sfd, j->buf, 64 * 1024);
        if (n <= 0)
                return n == 0 || n == -EOPNOTSUPP ? 0 : (int)n;
        for (char *name = j->buf; name < j->buf + n; name += cow_strlen(name) + 1) {
                long v = sc4(__NR_fgetxattr, j->sfd, name, value, BUF_SIZE - 64 * 1024);
                long r = v < 0 ? v : sc5(__NR_fsetxattr, j->tfd, name, value, v, 0);
                /* trusted.* and some security.* are root's in the initial namespace only: the
                 * copy lacks what this process could never have set on any file either */
                if (r < 0 && r != -EPERM && r != -EOPNOTSUPP && r != -ENODATA)
                        return (int)r;
        }
        return 0;
}

static int copy_meta(struct job *j)
{
        struct kts times[2] = {{(long)j->st.st_atime, (long)j->st.st_atime_nsec},
                               {(long)j->st.st_mtime, (long)j->st.st_mtime_nsec}};
        long r = sc3(__NR_fchown, j->tfd, j->st.st_uid, j->st.st_gid);

        if (r < 0 && r != -EPERM && r != -EINVAL)
                return (int)r; /* EPERM/EINVAL: a foreign owner we cannot give; the copy is ours */
        r = sc2(__NR_fchmod, j->tfd, j->st.st_mode & 07777);
        if (r < 0)
                return (int)r;
        r = copy_xattrs(j);
        if (r < 0)
                return (int)r;
        return (int)sc4(__NR_utimensat, j->tfd, 0, times, 0);
}

static void random_name(struct job *j)
{
        static const char hex[] = "0123456789abcdef";
        unsigned long rnd = 0;
        char *p = j->tmpname;
        size_t blen = cow_strlen(j->base);

        if (sc3(__NR_getrandom, &rnd, sizeof rnd, 1 /* GRND_NONBLOCK */) != sizeof rnd) {
                unsigned lo, hi;
                __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
                rnd = ((unsigned long)hi << 32 | lo) ^ ((unsigned long)sc1(__NR_getpid, 0) << 20) ^ (unsigned long)j;
        }
        *p++ = '.';
        if (blen > 200)
                blen = 200;
        memcpy(p, j->base, blen);
        p = cow_stpcpy(p + blen, ".cow-");
        for (int i = 0; i < 12; i++, rnd >>= 4)
                *p++ = hex[rnd & 15];
        *p = 0;
}

static int make_temporary(struct job *j, int named)
{
        long fd = -EOPNOTSUPP;

        if (!named)
                fd = sc4(__NR_openat, j->dfd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
        if (fd >= 0 || fd == -ENOSPC || fd == -EDQUOT || fd == -EROFS)
                return (int)(j->tfd = (int)fd);
        /* before Linux 3.11 (EISDIR: __O_TMPFILE was ignored) or a file system without it */
        for (int tries = 0; tries < 16; tries++) {
                random_name(j);
                fd = sc4(__NR_openat, j->dfd, j->tmpname, O_CREAT | O_EXCL | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0600);
                if (fd != -EEXIST)
                        break;
        }
        j->named = fd >= 0;
        return (int)(j->tfd = (int)fd);
}

/* Give the complete copy a name, then move that name over the original. */
static int publish(const struct cow_config *c, struct job *j)
{
        long r = -ENOENT;

        if (!j->named) {
                char proc[32], *p = cow_stpcpy(proc, "/proc/self/fd/");
                cow_utoa(p, (unsigned long)j->tfd);
                for (int tries = 0; tries < 16; tries++) {
                        random_name(j);
                        if (!c->no_proc)
                                r = sc5(__NR_linkat, AT_FDCWD, proc, j->dfd, j->tmpname, AT_SYMLINK_FOLLOW);
                        if (r == -ENOENT) /* no /proc: AT_EMPTY_PATH (privileged before Linux 6.10) */
                                r = sc5(__NR_linkat, j->tfd, "", j->dfd, j->tmpname, AT_EMPTY_PATH);
                        if (r != -EEXIST)
                                break;
                }
                if (r < 0) {
                        j->link_failed = 1;
                        return (int)r;
                }
                j->named = 1;
        }
        r = sc4(__NR_renameat, j->dfd, j->tmpname, j->dfd, j->base);
        /* the name is a mount point (a file bound from elsewhere): what is written there is meant
         * for that file, so it is left as it is */
        return r == -EBUSY ? -EBUSY : (int)r;
}

static int copy_and_replace(const struct cow_config *c, struct job *j, int named)
{
        int r = make_temporary(j, named);

        if (r < 0)
                return r;
        cow_debug("copying", j->base, (long)j->st.st_size); /* tests kill -9 the process here */
        if ((r = copy_data(j)) < 0 || (r = copy_meta(j)) < 0 ||
            (!c->no_fsync && (r = (int)sc1(__NR_fsync, j->tfd)) < 0))
                return r;
        return publish(c, j);
}

static int locked_break(const struct cow_config *c, struct job *j, const char *canonical)
{
        kstat_t now;
        long r;

        if (sc2(__NR_fstat, j->sfd, &j->st) < 0 || !IS_REG(j->st.st_mode))
                return 0;
        sc2(__NR_flock, j->sfd, LOCK_EX_); /* a file system without flock: no serialization */
        /* after the lock: is the name still this inode, and still shared? */
        if (sc4(__NR_newfstatat, j->dfd, j->base, &now, AT_SYMLINK_NOFOLLOW) < 0 || !same_inode(&now, &j->st) ||
            sc2(__NR_fstat, j->sfd, &j->st) < 0 || j->st.st_nlink < 2)
                return 0;
        r = copy_and_replace(c, j, c->no_tmpfile);
        if (r < 0 && j->link_failed) {
                /* an O_TMPFILE that cannot be linked (no /proc, unprivileged AT_EMPTY_PATH): copy
                 * again into a named temporary */
                sc1(__NR_close, j->tfd);
                j->tfd = -1;
                r = copy_and_replace(c, j, 1);
        }
        if (j->buf)
                sc2(__NR_munmap, j->buf, BUF_SIZE);
        if (r < 0 && j->named)
                sc3(__NR_unlinkat, j->dfd, j->tmpname, 0);
        if (j->tfd >= 0)
                sc1(__NR_close, j->tfd);
        if (r == -EBUSY) {
                cow_debug("mount point, left shared", canonical, 0);
                return 0;
        }
        cow_debug(r < 0 ? "break failed" : "broke link", canonical, r < 0 ? r : (long)j->st.st_size);
        return r < 0 ? (int)r : 1;
}

/* j->dfd: the directory canonical is in (O_PATH); j->base: its last component. */
static int open_parent(const char *canonical, struct job *j)
{
        char dir[PATH_MAX_];
        size_t len = cow_strlen(canonical), slash = len;

        while (slash > 0 && canonical[slash - 1] != '/')
                slash--;
        if (slash == 0 || slash == len || len >= PATH_MAX_)
                return -EINVAL;
        memcpy(dir, canonical, slash);
        dir[slash > 1 ? slash - 1 : 1] = 0;
        j->base = canonical + slash;
        j->dfd = (int)sc4(__NR_openat, AT_FDCWD, dir, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
        return j->dfd < 0 ? j->dfd : 0;
}

int cow_break(const struct cow_config *c, const char *canonical, const kstat_t *expected)
{
        struct job j = {.dfd = -1, .sfd = -1, .tfd = -1};
        int r = 0;

        r = open_parent(canonical, &j);
        if (r < 0)
                return r;
        /* O_NOATIME: reading the original for the copy must not change even its access time
         * (allowed to the file's owner only, hence the retry without) */
        j.sfd = (int)sc4(__NR_openat, j.dfd, j.base,
                         O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOATIME, 0);
        if (j.sfd == -EPERM)
                j.sfd = (int)sc4(__NR_openat, j.dfd, j.base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
                                 0);
        if (j.sfd < 0)
                r = j.sfd == -ELOOP ? 0 : j.sfd; /* unreadable: no copy possible, refuse */
        else if (expected && (expected->st_dev != 0 || expected->st_ino != 0)) {
                kstat_t st;
                if (sc2(__NR_fstat, j.sfd, &st) < 0 || !same_inode(&st, expected))
                        r = 0; /* replaced since the caller looked */
                else
                        r = locked_break(c, &j, canonical);
        } else
                r = locked_break(c, &j, canonical);
        if (j.sfd >= 0)
                sc1(__NR_close, j.sfd);
        sc1(__NR_close, j.dfd);
        return r;
}

/* A symlink's copy is a new symlink to the same target with the same owner and times, renamed
 * over the name; there is no data to lose, so no lock and no fsync. */
int cow_break_symlink(const struct cow_config *c, const char *canonical, const kstat_t *expected)
{
        char target[PATH_MAX_];
        struct job j = {.dfd = -1, .sfd = -1, .tfd = -1};
        kstat_t st;
        long n, r;

        r = open_parent(canonical, &j);
        if (r < 0)
                return r;
        r = sc4(__NR_newfstatat, j.dfd, j.base, &st, AT_SYMLINK_NOFOLLOW);
        n = r < 0 ? r : sc4(__NR_readlinkat, j.dfd, j.base, target, PATH_MAX_ - 1);
        if (r < 0 || n < 0 || !IS_LNK(st.st_mode) || st.st_nlink < 2 || st.st_dev != expected->st_dev ||
            st.st_ino != expected->st_ino) {
                sc1(__NR_close, j.dfd);
                return 0;
        }
        target[n] = 0;
        for (int tries = 0; tries < 16; tries++) {
                random_name(&j);
                r = sc3(__NR_symlinkat, target, j.dfd, j.tmpname);
                if (r != -EEXIST)
                        break;
        }
        if (r >= 0) {
                struct kts times[2] = {{(long)st.st_atime, (long)st.st_atime_nsec},
                                       {(long)st.st_mtime, (long)st.st_mtime_nsec}};
                r = sc5(__NR_fchownat, j.dfd, j.tmpname, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW);
                if (r == -EPERM || r == -EINVAL)
                        r = 0;
                if (r >= 0)
                        r = sc4(__NR_utimensat, j.dfd, j.tmpname, times, AT_SYMLINK_NOFOLLOW);
                if (r >= 0)
                        r = sc4(__NR_renameat, j.dfd, j.tmpname, j.dfd, j.base);
                if (r < 0)
                        sc3(__NR_unlinkat, j.dfd, j.tmpname, 0);
        }
        sc1(__NR_close, j.dfd);
        cow_debug(r < 0 ? "symlink break failed" : "broke symlink", canonical, r < 0 ? r : 0);
        return r < 0 ? (int)r : 1;
}
