/* What `uspawnctl shell` takes from the running leader before joining it: one fd per namespace
 * it does not already share, its root directory and its environment (the container interface
 * variables), all opened while a pidfd shows the leader is still the machine's. */
#include "ctl/shell.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "ctl/ctl.h"
#include "util/log.h"
#include "util/macro.h"
#include "util/strv.h"

static const char *const ns_names[_SHELL_NS_MAX] = {
        [SHELL_NS_USER] = "user", [SHELL_NS_MNT] = "mnt", [SHELL_NS_PID] = "pid",       [SHELL_NS_UTS] = "uts",
        [SHELL_NS_IPC] = "ipc",   [SHELL_NS_NET] = "net", [SHELL_NS_CGROUP] = "cgroup",
};

static bool same_file(int fd, const char *path)
{
        struct stat a, b;

        return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* NUL-separated VAR=VALUE entries into a list. */
static int read_environ(void *ctx, pid_t pid, char ***ret)
{
        char path[64], buf[65536];
        _cleanup_close_ int fd = -EBADF;
        size_t len = 0;
        ssize_t n;
        char **env = NULL;

        snprintf(path, sizeof path, "/proc/%d/environ", (int)pid);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        while (len < sizeof buf - 1 && (n = read(fd, buf + len, sizeof buf - 1 - len)) > 0)
                len += (size_t)n;
        buf[len] = '\0';
        for (size_t i = 0; i < len; i += strlen(buf + i) + 1)
                if (strchr(buf + i, '=') && strv_env_set(ctx, &env, buf + i) < 0)
                        return -ENOMEM;
        *ret = env;
        return 0;
}

static int open_namespaces(const struct machine_record *m, struct shell_target *t)
{
        for (int i = 0; i < _SHELL_NS_MAX; i++) {
                char path[64], self[64];
                int fd;

                snprintf(path, sizeof path, "/proc/%d/ns/%s", (int)m->leader, ns_names[i]);
                snprintf(self, sizeof self, "/proc/self/ns/%s", ns_names[i]);
                fd = open(path, O_RDONLY | O_CLOEXEC);
                if (fd < 0 && errno == ENOENT && i == SHELL_NS_CGROUP)
                        continue; /* a kernel without cgroup namespaces */
                if (fd < 0)
                        return log_error_errno(-errno, "Failed to open the %s namespace of machine '%s' (%s): %m",
                                               ns_names[i], m->name, path);
                if (same_file(fd, self)) { /* shared with the host (e.g. the network): nothing to join */
                        close(fd);
                        continue;
                }
                t->ns[i] = fd;
        }
        if (t->ns[SHELL_NS_USER] < 0 || t->ns[SHELL_NS_MNT] < 0 || t->ns[SHELL_NS_PID] < 0)
                return log_error_errno(-EOPNOTSUPP,
                                       "Machine '%s' shares our user, mount or PID namespace; "
                                       "uspawnctl shell only enters userns-backend machines",
                                       m->name);
        return 0;
}

/* The leader's environment once it runs the container's program: uspawn registers the machine
 * just before that exec, when /proc/LEADER/environ still shows uspawn's own (host) variables
 * and the process is not dumpable, so wait (2 s at most) for container= to appear. */
static int read_leader_environ(void *ctx, const struct machine_record *m, char ***ret)
{
        int r = -ESRCH;

        for (int i = 0; i < 200; i++) {
                char **env = NULL;

                r = read_environ(ctx, m->leader, &env);
                if (r >= 0 && strv_env_get(env, "container")) {
                        *ret = env;
                        return 0;
                }
                if (r == -ENOENT || r == -ESRCH)
                        break;
                usleep(10000);
        }
        return log_error_errno(r < 0 ? r : -EAGAIN,
                               "Failed to read the environment of machine '%s' (/proc/%d/environ): %s", m->name,
                               (int)m->leader, r < 0 ? strerror(-r) : "its program has not started");
}

int shell_open_target(void *ctx, const struct machine_record *m, int pidfd, struct shell_target *t)
{
        char path[64];
        int r;

        for (int i = 0; i < _SHELL_NS_MAX; i++)
                t->ns[i] = -EBADF;
        t->m = m;
        t->tty = -EBADF;
        if ((r = read_leader_environ(ctx, m, &t->leader_env)) < 0)
                return r;
        snprintf(path, sizeof path, "/proc/%d/root", (int)m->leader);
        t->rootfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (t->rootfd < 0)
                return log_error_errno(-errno, "Failed to open the root of machine '%s' (%s): %m", m->name, path);
        if ((r = open_namespaces(m, t)) < 0)
                return r;
        /* the leader still runs, so everything opened above was its */
        if (ctl_pidfd_exited(pidfd))
                return log_error_errno(-ESRCH, "Machine '%s' stopped while uspawnctl was entering it", m->name);
        return 0;
}

void shell_close_target(struct shell_target *t)
{
        for (int i = 0; i < _SHELL_NS_MAX; i++)
                t->ns[i] = safe_close(t->ns[i]);
        t->rootfd = safe_close(t->rootfd);
        t->tty = safe_close(t->tty);
}
