/* Recursive removal relative to a directory fd, with no path ever resolved through a link. */
#include "image/remove.h"

#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "util/fs.h"
#include "util/macro.h"

int rm_children_at(int dirfd, int (*keep)(const char *name, void *userdata), void *userdata)
{
        DIR *d = opendir_at(dirfd);
        struct dirent *de;
        int r = 0;

        if (!d)
                return -errno;
        while ((errno = 0, de = readdir(d))) {
                if (streq(de->d_name, ".") || streq(de->d_name, ".."))
                        continue;
                if (keep && keep(de->d_name, userdata))
                        continue;
                r = rm_rf_at(dirfd, de->d_name);
                if (r < 0)
                        break;
        }
        if (r == 0 && errno)
                r = -errno;
        closedir(d);
        return r;
}

int rm_rf_at(int dirfd, const char *name)
{
        _cleanup_close_ int fd = -EBADF;
        struct stat st;
        int r;

        if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
                return errno == ENOENT ? 0 : -errno;
        if (!S_ISDIR(st.st_mode))
                return unlinkat(dirfd, name, 0) < 0 && errno != ENOENT ? -errno : 0;
        (void)fchmodat(dirfd, name, 0700, 0); /* an image's 0555 directory: we remove it anyway */
        fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        r = rm_children_at(fd, NULL, NULL);
        if (r < 0)
                return r;
        return unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT ? -errno : 0;
}
