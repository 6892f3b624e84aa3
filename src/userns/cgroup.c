/* Finding our cgroup v2 directory ("0::/path" in /proc/self/cgroup, under the cgroup2 mount in
 * /proc/self/mountinfo, which is /sys/fs/cgroup or, on hybrid hosts, /sys/fs/cgroup/unified)
 * and making the container's below it. */
#include "userns/cgroup.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/macro.h"

static int cgroup2_mount_point(char *buf, size_t size)
{
        FILE *f = fopen("/proc/self/mountinfo", "re");
        char line[4096];
        int r = -ENOENT;

        if (!f)
                return -errno;
        while (fgets(line, sizeof line, f)) {
                char mnt[PATH_MAX], *sep = strstr(line, " - ");
                if (!sep || strncmp(sep, " - cgroup2 ", 11) != 0)
                        continue;
                if (sscanf(line, "%*s %*s %*s %*s %4095s", mnt) == 1 && strlen(mnt) < size) {
                        strcpy(buf, mnt);
                        r = 0;
                        break;
                }
        }
        fclose(f);
        return r;
}

static int own_cgroup(char *buf, size_t size)
{
        char text[8192], *p;
        int n = read_small_file("/proc/self/cgroup", text, sizeof text);

        if (n < 0)
                return n;
        for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
                if (startswith(p, "0::")) {
                        size_t len = strcspn(p + 3, "\n");
                        if (len >= size)
                                return -ENAMETOOLONG;
                        memcpy(buf, p + 3, len);
                        buf[len] = '\0';
                        return 0;
                }
        return -ENOENT;
}

int cgroup_create_payload(void *ctx, const char *machine, char **ret_dir)
{
        char mnt[PATH_MAX], path[PATH_MAX], *dir;
        int r;

        if ((r = cgroup2_mount_point(mnt, sizeof mnt)) < 0 || (r = own_cgroup(path, sizeof path)) < 0)
                return r;
        dir = talloc_asprintf(ctx, "%s%s/%s", mnt, streq(path, "/") ? "" : path, "cgroup.procs");
        if (access(dir, W_OK) < 0)
                return -EACCES;
        dir = talloc_asprintf(ctx, "%s%s/uspawn-%s-%d", mnt, streq(path, "/") ? "" : path, machine, (int)getpid());
        if (mkdir(dir, 0755) < 0)
                return errno == EEXIST ? -EEXIST : -EACCES;
        *ret_dir = dir;
        return 0;
}

int cgroup_attach(const char *dir, pid_t pid)
{
        char path[PATH_MAX], text[32];

        snprintf(path, sizeof path, "%s/cgroup.procs", dir);
        snprintf(text, sizeof text, "%d", (int)pid);
        return write_string_file(path, text);
}

static void remove_tree(int parentfd, const char *name, int depth)
{
        int fd = openat(parentfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        DIR *d;
        struct dirent *de;

        if (fd < 0 || depth > 32) {
                safe_close(fd);
                return;
        }
        d = fdopendir(fd);
        if (!d) {
                close(fd);
                return;
        }
        while ((de = readdir(d)))
                if (de->d_type == DT_DIR && !streq(de->d_name, ".") && !streq(de->d_name, ".."))
                        remove_tree(dirfd(d), de->d_name, depth + 1);
        closedir(d);
        /* a cgroup whose last process just exited may be busy for a moment */
        for (int i = 0; i < 50 && unlinkat(parentfd, name, AT_REMOVEDIR) < 0 && errno == EBUSY; i++)
                nanosleep(&(struct timespec){.tv_nsec = 2000000}, NULL);
}

void cgroup_remove(const char *dir)
{
        remove_tree(AT_FDCWD, dir, 0);
}
