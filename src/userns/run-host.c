/* /run/host, as systemd's Container Interface describes it: what the container manager tells
 * the guest about itself and the host (container-manager, container-uuid, os-release) and the
 * inaccessible nodes systemd binds over paths it hides. Made read-only by a later plan step. */
#include "userns/run-host.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/macro.h"

static int write_text_at(int dir, const char *name, const char *text)
{
        _cleanup_close_ int fd = openat(dir, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0444);
        size_t len = strlen(text);

        if (fd < 0)
                return -errno;
        return write(fd, text, len) == (ssize_t)len ? 0 : errno ? -errno : -EIO;
}

/* The host's os-release, copied (not bound: the host's file may be replaced by an upgrade, and
 * a copy cannot be used to reach the host's /etc). A host without one is no error. */
static int copy_os_release(int dir)
{
        static const char *const candidates[] = {"/etc/os-release", "/usr/lib/os-release"};
        char buf[8192];

        for (size_t i = 0; i < ELEMENTSOF(candidates); i++) {
                int n = read_small_file(candidates[i], buf, sizeof buf);
                if (n >= 0)
                        return write_text_at(dir, "os-release", buf);
        }
        return 0;
}

/* systemd's /run/host/inaccessible/{reg,dir,fifo,sock,chr,blk}: mode 0000 nodes to bind over
 * paths a unit makes inaccessible. Device nodes 0:0 need CAP_MKNOD outside, so they may be
 * missing in a user namespace; systemd copes with that. */
static int make_inaccessible(int dir)
{
        static const struct {
                const char *name;
                mode_t type;
        } nodes[] = {{"reg", S_IFREG}, {"fifo", S_IFIFO}, {"sock", S_IFSOCK}, {"chr", S_IFCHR}, {"blk", S_IFBLK}};
        _cleanup_close_ int fd = -EBADF;

        if (mkdirat(dir, "inaccessible", 0755) < 0 && errno != EEXIST)
                return -errno;
        fd = openat(dir, "inaccessible", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        if (mkdirat(fd, "dir", 0000) < 0 && errno != EEXIST)
                return -errno;
        for (size_t i = 0; i < ELEMENTSOF(nodes); i++)
                if (mknodat(fd, nodes[i].name, nodes[i].type | 0000, makedev(0, 0)) < 0 && errno != EEXIST &&
                    !(errno == EPERM && (nodes[i].type == S_IFCHR || nodes[i].type == S_IFBLK)))
                        return -errno;
        return 0;
}

int run_host_populate(int rootfd, const char *path, const char *uuid)
{
        _cleanup_close_ int dir = open_or_create_in_root(rootfd, path, CREATE_DIRECTORY);
        char text[64];
        int r;

        if (dir < 0)
                return dir;
        if ((r = write_text_at(dir, "container-manager", "uspawn\n")) < 0)
                return r;
        if (uuid && uuid[0]) {
                snprintf(text, sizeof text, "%s\n", uuid);
                if ((r = write_text_at(dir, "container-uuid", text)) < 0)
                        return r;
        }
        if ((r = copy_os_release(dir)) < 0)
                return r;
        return make_inaccessible(dir);
}
