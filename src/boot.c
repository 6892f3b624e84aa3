/* Finding the tree's init and knowing how to stop it. Paths are resolved inside the tree, so an
 * /sbin/init link to /lib/systemd/systemd means the tree's systemd, never the host's. */
#include "boot.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/macro.h"

const char *init_kind_to_string(enum init_kind k)
{
        static const char *const names[] = {
                [INIT_SYSTEMD] = "systemd",
                [INIT_SYSVINIT] = "sysvinit",
                [INIT_BUSYBOX] = "BusyBox init",
        };
        return names[k];
}

int init_kill_signal(enum init_kind k)
{
        switch (k) {
        case INIT_SYSTEMD:
                return SIGRTMIN + 3;
        case INIT_BUSYBOX:
                return SIGUSR2;
        case INIT_SYSVINIT:
        default:
                return SIGINT;
        }
}

/* The executable behind path in the tree, as a host path (through /proc/self/fd). */
static int resolve_executable(int rootfd, const char *path, char *ret, size_t n)
{
        _cleanup_close_ int fd = open_in_root(rootfd, path, O_PATH);
        char link[64];
        struct stat st;
        ssize_t k;

        if (fd < 0)
                return fd;
        if (fstat(fd, &st) < 0)
                return -errno;
        if (!S_ISREG(st.st_mode) || !(st.st_mode & 0111))
                return -ENOEXEC;
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        k = readlink(link, ret, n - 1);
        if (k < 0)
                return -errno;
        ret[k] = '\0';
        return 0;
}

int boot_find_init(void *ctx, const char *root, struct init_info *ret)
{
        static const char *const candidates[] = {"/usr/lib/systemd/systemd", "/lib/systemd/systemd", "/sbin/init"};
        _cleanup_close_ int rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
        char target[PATH_MAX];

        if (rootfd < 0)
                return -errno;
        for (size_t i = 0; i < ELEMENTSOF(candidates); i++) {
                const char *base;

                if (resolve_executable(rootfd, candidates[i], target, sizeof target) < 0)
                        continue;
                base = strrchr(target, '/');
                base = base ? base + 1 : target;
                ret->path = talloc_strdup(ctx, candidates[i]);
                if (i < 2 || streq(base, "systemd")) /* found at systemd's own path, or linked to it */
                        ret->kind = INIT_SYSTEMD;
                else if (streq(base, "busybox"))
                        ret->kind = INIT_BUSYBOX;
                else
                        ret->kind = INIT_SYSVINIT;
                return 0;
        }
        return -ENOENT;
}

/* sysvinit's request format (initreq.h): a runlevel change to '0' is "halt". */
struct init_request {
        int magic;
        int cmd;
        int runlevel;
        int sleeptime;
        char data[368];
};
#define INIT_MAGIC 0x03091969
#define INIT_CMD_RUNLVL 1

int sysvinit_request_runlevel(int pid, char level)
{
        static const char *const fifos[] = {"run/initctl", "dev/initctl"};
        struct init_request req = {.magic = INIT_MAGIC, .cmd = INIT_CMD_RUNLVL, .runlevel = level};
        int r = -ENOENT;

        for (size_t i = 0; i < ELEMENTSOF(fifos); i++) {
                char path[64];
                _cleanup_close_ int fd = -EBADF;

                /* the container's root as PID 1 sees it, from outside */
                snprintf(path, sizeof path, "/proc/%d/root/%s", pid, fifos[i]);
                fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
                if (fd < 0) {
                        r = -errno;
                        continue;
                }
                if (write(fd, &req, sizeof req) == (ssize_t)sizeof req)
                        return 0;
                r = -errno;
        }
        return r;
}
