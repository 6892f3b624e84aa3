/* du for list-images' USAGE column: a walk with directory fds and a set of multiply linked inodes. */
#include "image/usage.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "image/pathmap.h"
#include "util/macro.h"

static int walk(int dirfd, dev_t dev, struct pathmap *seen, uint64_t *total)
{
        int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        struct dirent *de;
        DIR *d;

        if (fd < 0)
                return -errno;
        d = fdopendir(fd);
        if (!d)
                return close(fd), -ENOMEM;
        while ((de = readdir(d))) {
                struct stat st;

                if (streq(de->d_name, ".") || streq(de->d_name, "..") ||
                    fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || st.st_dev != dev)
                        continue;
                if (st.st_nlink > 1 && !S_ISDIR(st.st_mode)) {
                        char key[64];

                        snprintf(key, sizeof key, "%llu", (unsigned long long)st.st_ino);
                        if (pathmap_contains(seen, key))
                                continue;
                        if (pathmap_put(seen, key, NULL) < 0)
                                return closedir(d), -ENOMEM;
                }
                *total += (uint64_t)st.st_blocks * 512;
                if (S_ISDIR(st.st_mode)) {
                        int sub = openat(dirfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                        if (sub >= 0) {
                                int r = walk(sub, dev, seen, total);
                                close(sub);
                                if (r == -ENOMEM)
                                        return closedir(d), r;
                        }
                }
        }
        closedir(d);
        return 0;
}

int tree_disk_usage(int dirfd, uint64_t *ret)
{
        void *ctx = talloc_new(NULL);
        struct pathmap *seen = pathmap_new(ctx);
        struct stat st;
        uint64_t total;
        int r;

        if (!seen)
                return talloc_free(ctx), -ENOMEM;
        if (fstat(dirfd, &st) < 0)
                return r = -errno, talloc_free(ctx), r;
        total = (uint64_t)st.st_blocks * 512;
        r = walk(dirfd, st.st_dev, seen, &total);
        talloc_free(ctx);
        if (r < 0)
                return r;
        *ret = total;
        return 0;
}
