/* File data and xattr copying for `uspawnctl clone`. copy_file_range does the work in the kernel
 * (and itself shares extents where the filesystem can); read/write is the fallback across
 * filesystems or where the call is refused. */
#include "image/copy-data.h"

#include <errno.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "util/macro.h"

#define CHUNK (8u << 20) /* between two progress ticks (and interruption checks) */

int copy_reflink(int in, int out)
{
        return ioctl(out, FICLONE, in) < 0 ? -errno : 0;
}

static int copy_range_rw(int in, int out, off_t off, off_t len)
{
        char buf[64 * 1024];

        while (len > 0) {
                ssize_t n = pread(in, buf, (size_t)(len < (off_t)sizeof buf ? len : (off_t)sizeof buf), off);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return -errno;
                if (n == 0)
                        return 0; /* the file shrank under us: what we have is what there was */
                for (ssize_t done = 0; done < n;) {
                        ssize_t w = pwrite(out, buf + done, (size_t)(n - done), off + done);
                        if (w < 0 && errno == EINTR)
                                continue;
                        if (w < 0)
                                return -errno;
                        done += w;
                }
                off += n;
                len -= n;
        }
        return 0;
}

/* One data range [off, off+len), in chunks; *use_cfr drops to false when the kernel refuses. */
static int copy_range(int in, int out, off_t off, off_t len, bool *use_cfr, uint64_t *done,
                      int (*tick)(uint64_t, void *), void *userdata)
{
        while (len > 0) {
                off_t step = len < (off_t)CHUNK ? len : (off_t)CHUNK;
                int r;

                if (*use_cfr) {
                        loff_t oin = off, oout = off;
                        ssize_t n = copy_file_range(in, &oin, out, &oout, (size_t)step, 0);
                        if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP ||
                                      errno == EPERM)) {
                                *use_cfr = false;
                                continue;
                        }
                        if (n < 0 && errno == EINTR)
                                continue;
                        if (n < 0)
                                return -errno;
                        if (n == 0)
                                return 0;
                        step = n;
                } else if ((r = copy_range_rw(in, out, off, step)) < 0)
                        return r;
                off += step;
                len -= step;
                *done += (uint64_t)step;
                if (tick && (r = tick(*done, userdata)) < 0)
                        return r;
        }
        return 0;
}

int copy_data(int in, int out, off_t size, int (*tick)(uint64_t, void *), void *userdata)
{
        bool use_cfr = true, seek = true;
        uint64_t done = 0;
        off_t pos = 0;
        int r;

        while (pos < size) {
                off_t data = seek ? lseek(in, pos, SEEK_DATA) : pos, hole;

                if (data < 0 && errno == ENXIO)
                        break; /* only a hole is left */
                if (data < 0 && (errno == EINVAL || errno == EOPNOTSUPP)) {
                        seek = false; /* no hole support: everything is data */
                        continue;
                }
                if (data < 0)
                        return -errno;
                hole = seek ? lseek(in, data, SEEK_HOLE) : size;
                if (hole < 0)
                        return -errno;
                if (hole > size)
                        hole = size;
                r = copy_range(in, out, data, hole - data, &use_cfr, &done, tick, userdata);
                if (r < 0)
                        return r;
                pos = hole;
        }
        /* trailing hole (or a file that shrank): the size is the source's */
        return ftruncate(out, size) < 0 ? -errno : 0;
}

int copy_xattrs(int in, int out, unsigned *ret_failed, char *first_failed, size_t first_size)
{
        _cleanup_free_ char *names = NULL, *value = NULL;
        ssize_t len, vsize = 0;
        int first = 0;

        len = flistxattr(in, NULL, 0);
        if (len < 0)
                return errno == ENOTSUP || errno == EOPNOTSUPP ? 0 : -errno;
        if (len == 0)
                return 0;
        names = malloc((size_t)len);
        if (!names)
                return -ENOMEM;
        len = flistxattr(in, names, (size_t)len);
        if (len < 0)
                return -errno; /* grew in between: rare enough to report */
        for (char *n = names; n < names + len; n += strlen(n) + 1) {
                ssize_t v = fgetxattr(in, n, NULL, 0);
                int r = 0;

                if (v >= 0 && v > vsize) {
                        free(value);
                        value = malloc((size_t)v + 1);
                        if (!value)
                                return -ENOMEM;
                        vsize = v;
                }
                if (v >= 0)
                        v = fgetxattr(in, n, value, (size_t)v);
                if (v < 0 || fsetxattr(out, n, value, (size_t)v, 0) < 0)
                        r = -errno;
                if (r < 0) {
                        (*ret_failed)++;
                        if (!first && first_failed)
                                snprintf(first_failed, first_size, "%s", n);
                        if (!first)
                                first = r;
                }
        }
        return first;
}
