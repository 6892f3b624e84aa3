/* Unit tests for init detection: systemd first, else /sbin/init, whose link target (resolved
 * inside the tree) tells BusyBox from sysvinit; nothing executable means no init. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "boot.h"
#include "unit.h"

static char root[] = "/tmp/uspawn-unit-boot.XXXXXX";

static void put(const char *rel, const char *link_target, mode_t mode)
{
        char path[512], dir[512], cmd[1100];

        snprintf(path, sizeof path, "%s%s", root, rel);
        snprintf(dir, sizeof dir, "%s", path);
        *strrchr(dir, '/') = '\0';
        snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
        if (system(cmd) != 0)
                return;
        unlink(path);
        if (link_target) {
                if (symlink(link_target, path) < 0)
                        perror("symlink");
        } else {
                int fd = open(path, O_CREAT | O_WRONLY, mode);
                if (fd >= 0)
                        close(fd);
        }
}

int main(void)
{
        void *ctx = talloc_new(NULL);
        struct init_info i;
        char cmd[128];

        if (!mkdtemp(root))
                return 1;
        check(boot_find_init(ctx, root, &i) == -ENOENT, "an empty tree has no init");

        put("/sbin/init", NULL, 0644);
        check(boot_find_init(ctx, root, &i) == -ENOENT, "a non-executable /sbin/init is no init");

        put("/sbin/init", NULL, 0755);
        check(boot_find_init(ctx, root, &i) == 0 && i.kind == INIT_SYSVINIT && strcmp(i.path, "/sbin/init") == 0,
              "a plain /sbin/init is sysvinit");

        put("/bin/busybox", NULL, 0755);
        put("/sbin/init", "../bin/busybox", 0);
        check(boot_find_init(ctx, root, &i) == 0 && i.kind == INIT_BUSYBOX, "/sbin/init -> busybox is BusyBox init");

        put("/lib/systemd/systemd", NULL, 0755);
        put("/sbin/init", "/lib/systemd/systemd", 0);
        check(boot_find_init(ctx, root, &i) == 0 && i.kind == INIT_SYSTEMD &&
                      strcmp(i.path, "/lib/systemd/systemd") == 0,
              "systemd is found first, through an absolute link resolved inside the tree");

        snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
        check(system(cmd) == 0, "cleanup");
        talloc_free(ctx);
        return unit_exit();
}
