/* Directory streams without the C library's fstat: glibc's opendir and fdopendir fstat the
 * descriptor internally (to check that it is a directory), a call no preloaded library can
 * reach, so under the root emulation each opened directory stopped in the supervisor, for an
 * answer nobody reads the owner of: that was most of what find and tar still paid. Here the
 * stream API is the shim's own (raw getdents64 into a buffer mapped per stream; the kernel's
 * linux_dirent64 is x86-64's struct dirent and dirent64 in glibc and musl alike), and the type
 * check is a marked statx. Every function that takes a DIR * is here, so a stream never meets
 * the C library's functions; the library's own internal streams (scandir, glob, nftw) stay
 * its own.
 *
 * A stream's buffer is mapped, not taken from the C library's heap; mapping and unmapping one
 * per directory (and faulting its pages in again) was half of what a walk like find paid over
 * glibc's malloc'd streams, so closedir keeps a few for the next opendir (SPARE_STREAMS). */
#include "ids.h"

#define EXPORT __attribute__((visibility("default")))
#define BUF_SIZE 32768
#define SPARE_STREAMS 4 /* a walk holds one stream per level open, and closes deepest first */

extern int *__errno_location(void);

struct kdirent {
        uint64_t d_ino;
        int64_t d_off;
        unsigned short d_reclen;
        unsigned char d_type;
        char d_name[];
};

struct dirstream {
        int fd;
        unsigned pos, len;
        long filepos; /* d_off of the entry last returned: telldir */
        char buf[BUF_SIZE];
};

/* Closed streams kept mapped. Each slot is taken and given back by one atomic exchange, so
 * threads and signal handlers never share a buffer (a fork copies them with the memory). */
static struct dirstream *spare[SPARE_STREAMS];

static struct dirstream *take_spare(void)
{
        for (unsigned i = 0; i < SPARE_STREAMS; i++) {
                struct dirstream *d = __atomic_exchange_n(&spare[i], (struct dirstream *)0, __ATOMIC_ACQUIRE);
                if (d)
                        return d;
        }
        return 0;
}

static void release(struct dirstream *d)
{
        for (unsigned i = 0; i < SPARE_STREAMS; i++) {
                struct dirstream *none = 0;
                if (__atomic_compare_exchange_n(&spare[i], &none, d, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
                        return;
        }
        sc2(__NR_munmap, d, sizeof *d);
}

static void *fail(long r)
{
        *__errno_location() = (int)-r;
        return 0;
}

static void *open_stream(int fd)
{
        struct dirstream *d = take_spare();

        if (!d) {
                long m = sc6(__NR_mmap, 0, sizeof *d, 3 /* PROT_READ|PROT_WRITE */,
                             0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, -1, 0);
                if (m < 0 && m > -4096)
                        return fail(m);
                d = (struct dirstream *)m;
        }
        d->fd = fd;
        d->pos = d->len = 0;
        d->filepos = 0;
        return d;
}

EXPORT void *fdopendir(int fd)
{
        struct statx stx;
        long r = ids_statx_type(fd, &stx);

        if (r < 0)
                return fail(r);
        if ((stx.stx_mode & S_IFMT_) != 0040000)
                return fail(-ENOTDIR);
        r = sc2(__NR_fcntl, fd, 3 /* F_GETFL */);
        if (r < 0)
                return fail(r);
        if ((r & 3) == 1 /* O_WRONLY */) /* glibc's rule (an O_PATH fd fails at readdir) */
                return fail(-EINVAL);
        return open_stream(fd);
}

EXPORT void *opendir(const char *name)
{
        long fd;
        void *d;

        if (!name)
                return fail(-EFAULT);
        if (!*name)
                return fail(-ENOENT);
        fd = sc4(__NR_openat, -100, name, O_RDONLY | O_NONBLOCK | O_DIRECTORY | O_CLOEXEC, 0);
        if (fd < 0)
                return fail(fd);
        d = open_stream((int)fd);
        if (!d)
                sc1(__NR_close, fd);
        return d;
}

EXPORT int closedir(void *stream)
{
        struct dirstream *d = stream;
        long r;

        if (!d)
                return *__errno_location() = EINVAL, -1;
        r = sc1(__NR_close, d->fd);
        release(d);
        if (r < 0)
                return *__errno_location() = (int)-r, -1;
        return 0;
}

/* The next entry, or NULL at the end (errno unchanged) or on an error (errno set). */
static struct kdirent *next(struct dirstream *d, long *ret_error)
{
        struct kdirent *e;

        *ret_error = 0;
        if (d->pos >= d->len) {
                long n = sc3(__NR_getdents64, d->fd, d->buf, sizeof d->buf);
                if (n <= 0) {
                        *ret_error = n;
                        return 0;
                }
                d->len = (unsigned)n;
                d->pos = 0;
        }
        e = (struct kdirent *)(d->buf + d->pos);
        d->pos += e->d_reclen;
        d->filepos = e->d_off;
        return e;
}

EXPORT void *readdir(void *stream)
{
        long error;
        struct kdirent *e = next(stream, &error);

        if (!e && error < 0)
                *__errno_location() = (int)-error;
        return e;
}

EXPORT int readdir_r(void *stream, void *entry, void **result)
{
        long error;
        struct kdirent *e = next(stream, &error);

        if (!e) {
                *result = 0;
                return (int)-error;
        }
        memcpy(entry, e, e->d_reclen);
        *result = entry;
        return 0;
}

EXPORT int dirfd(void *stream)
{
        return ((struct dirstream *)stream)->fd;
}

EXPORT void rewinddir(void *stream)
{
        struct dirstream *d = stream;

        sc3(__NR_lseek, d->fd, 0, SEEK_SET_);
        d->pos = d->len = 0;
        d->filepos = 0;
}

EXPORT long telldir(void *stream)
{
        return ((struct dirstream *)stream)->filepos;
}

EXPORT void seekdir(void *stream, long pos)
{
        struct dirstream *d = stream;

        if (sc3(__NR_lseek, d->fd, pos, SEEK_SET_) >= 0) {
                d->pos = d->len = 0;
                d->filepos = pos;
        }
}

EXPORT void *readdir64(void *stream) __attribute__((alias("readdir")));
EXPORT int readdir64_r(void *stream, void *entry, void **result) __attribute__((alias("readdir_r")));
