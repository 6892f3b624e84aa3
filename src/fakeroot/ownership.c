/* The ownership record in OWNERSHIP_XATTR: formatting, parsing, reading and writing it through
 * any descriptor (O_PATH ones by their /proc/self/fd link), overlaying it on stat results. */
#include "fakeroot/ownership.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "fakeroot/ownership-value.h"
#include "util/macro.h"

static const struct {
        mode_t type;
        const char *name;
} types[] = {
        {S_IFREG, "file"},    {S_IFDIR, "dir"},  {S_IFLNK, "symlink"}, {S_IFIFO, "pipe"},
        {S_IFSOCK, "socket"}, {S_IFCHR, "char"}, {S_IFBLK, "block"},
};

int ownership_format(const struct ownership *o, char *buf, size_t size)
{
        const char *name = "file";
        int n;

        for (size_t i = 0; i < ELEMENTSOF(types); i++)
                if (types[i].type == (o->mode & S_IFMT))
                        name = types[i].name;
        if (S_ISCHR(o->mode) || S_ISBLK(o->mode))
                n = snprintf(buf, size, "%u:%u:%04o:%s-%u-%u", o->uid, o->gid, (unsigned)(o->mode & 07777), name,
                             major(o->rdev), minor(o->rdev));
        else
                n = snprintf(buf, size, "%u:%u:%04o:%s", o->uid, o->gid, (unsigned)(o->mode & 07777), name);
        return n < 0 || (size_t)n >= size ? -ENOBUFS : n;
}

int ownership_parse(const char *value, size_t len, mode_t real_mode, struct ownership *ret)
{
        struct ownership_value v;
        int r = ownership_value_parse(value, len, &v);

        if (r < 0)
                return -EINVAL;
        /* the real file's type stands unless the value names another */
        *ret = (struct ownership){
                .uid = v.uid,
                .gid = v.gid,
                .mode = (v.type ? (mode_t)v.type : (real_mode & S_IFMT)) | (mode_t)v.perm,
                .rdev = (S_ISCHR(v.type) || S_ISBLK(v.type)) ? makedev(v.major, v.minor) : 0,
        };
        return 0;
}

static void fd_path(int fd, char buf[static 32])
{
        snprintf(buf, 32, "/proc/self/fd/%d", fd);
}

/* User xattrs need read (write) permission on the file even for its owner, and the emulated
 * root's files may have none (dpkg makes a directory with mode 0, then chowns it): open up the
 * owner's bits for the moment, as root's CAP_DAC_OVERRIDE would not need to. */
static ssize_t xattr_io(const char *path, const struct stat *real, mode_t need, const char *value, char *buf,
                        size_t size)
{
        ssize_t n =
                value ? setxattr(path, OWNERSHIP_XATTR, value, size, 0) : getxattr(path, OWNERSHIP_XATTR, buf, size);
        int saved;

        if (n >= 0 || errno != EACCES || real->st_uid != geteuid() || (real->st_mode & need) == need)
                return n < 0 ? -errno : n;
        if (chmod(path, (real->st_mode | need) & 07777) < 0)
                return -EACCES;
        n = value ? setxattr(path, OWNERSHIP_XATTR, value, size, 0) : getxattr(path, OWNERSHIP_XATTR, buf, size);
        saved = errno;
        (void)chmod(path, real->st_mode & 07777);
        return n < 0 ? -saved : n;
}

bool ownership_present(int fd)
{
        char path[32];

        fd_path(fd, path);
        /* not EACCES (a file without read permission): reading its record would mean opening
         * up its mode for a moment, and a stat must not change the file's ctime */
        return getxattr(path, OWNERSHIP_XATTR, NULL, 0) > 0;
}

int ownership_get(int fd, const struct stat *real, struct ownership *ret)
{
        char path[32], value[128];
        ssize_t n;

        if (S_ISLNK(real->st_mode))
                return -ENODATA;
        fd_path(fd, path);
        n = xattr_io(path, real, S_IRUSR, NULL, value, sizeof value);
        if (n < 0)
                return n == -ERANGE ? -EINVAL : (int)n;
        return ownership_parse(value, (size_t)n, real->st_mode, ret);
}

int ownership_set(int fd, const struct stat *real, const struct ownership *o)
{
        char path[32], value[128];
        int n;

        if (S_ISLNK(real->st_mode))
                return -ENOTSUP;
        fd_path(fd, path);
        if (o->uid == 0 && o->gid == 0 && (o->mode & S_IFMT) == (real->st_mode & S_IFMT)) {
                if (removexattr(path, OWNERSHIP_XATTR) == 0 || errno == ENODATA)
                        return 0;
                if (errno != EACCES)
                        return -errno;
                /* not writable now: a record that says root is as good as none */
        }
        n = ownership_format(o, value, sizeof value);
        if (n < 0)
                return n;
        n = (int)xattr_io(path, real, S_IRUSR | S_IWUSR, value, NULL, (size_t)n);
        return n < 0 ? n : 0;
}

/* The permission bits stay the real file's (chmod changes them for real); the record gives the
 * ids, and the type and device number of a placeholder. */
void ownership_apply_stat(const struct ownership *o, struct stat *st)
{
        st->st_uid = o->uid;
        st->st_gid = o->gid;
        st->st_mode = (o->mode & S_IFMT) | (st->st_mode & 07777);
        if (S_ISCHR(o->mode) || S_ISBLK(o->mode)) {
                st->st_rdev = o->rdev;
                st->st_size = 0;
        }
}

void ownership_apply_statx(const struct ownership *o, struct statx *stx)
{
        stx->stx_uid = o->uid;
        stx->stx_gid = o->gid;
        stx->stx_mode = (uint16_t)((o->mode & S_IFMT) | (stx->stx_mode & 07777));
        if (S_ISCHR(o->mode) || S_ISBLK(o->mode)) {
                stx->stx_rdev_major = major(o->rdev);
                stx->stx_rdev_minor = minor(o->rdev);
                stx->stx_size = 0;
        }
}
