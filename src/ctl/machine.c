/* Finding a running machine by name and addressing its leader safely: a pidfd taken after the
 * leader's parent is checked to be the recorded supervisor (whose start time the registry has
 * already checked), so a signal never reaches a process that merely inherited the pid. */
#include "ctl/ctl.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/log.h"
#include "util/macro.h"

int ctl_want_name(int argc, char **argv)
{
        if (argc == 2)
                return 0;
        if (argc < 2)
                return log_error_errno(-EINVAL, "'%s' needs a machine name; see uspawnctl list", argv[0]);
        return log_error_errno(-EINVAL, "'%s' takes one machine name, got %d arguments; see uspawnctl --help", argv[0],
                               argc - 1);
}

int ctl_load_machine(void *ctx, const char *name, struct machine_record *ret)
{
        int r = registry_load(ctx, name, ret);

        if (r == -ENOENT || r == -ENAMETOOLONG || strchr(name, '/'))
                return log_error_errno(-ENOENT, "No machine '%s' is running; see uspawnctl list", name);
        if (r < 0)
                return log_error_errno(r, "Failed to read the record of machine '%s': %m", name);
        return 0;
}

int ctl_parent_pid(pid_t pid, pid_t *ret)
{
        char path[64], buf[1024];
        const char *p;
        int ppid, r;

        snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
        r = read_small_file(path, buf, sizeof buf);
        if (r < 0)
                return r == -ENOENT ? -ESRCH : r;
        p = strrchr(buf, ')'); /* the command name may contain anything */
        if (!p || sscanf(p + 2, "%*c %d", &ppid) != 1)
                return -EBADMSG;
        *ret = ppid;
        return 0;
}

int ctl_open_leader(const struct machine_record *m)
{
        pid_t ppid;
        int fd, r;

        if (m->leader <= 0)
                return log_error_errno(-ESRCH, "Machine '%s' has no leader process in its record", m->name);
        fd = pidfd_open(m->leader, 0);
        if (fd < 0)
                return log_error_errno(-errno, "Failed to open the leader (pid %d) of machine '%s': %m", (int)m->leader,
                                       m->name);
        /* with the pidfd held, the pid cannot be reused: check it is the supervisor's child */
        r = ctl_parent_pid(m->leader, &ppid);
        if (r >= 0 && ppid != m->supervisor)
                r = -ESRCH;
        if (r < 0) {
                close(fd);
                return log_error_errno(r, "The leader (pid %d) of machine '%s' is gone; it is shutting down",
                                       (int)m->leader, m->name);
        }
        return fd;
}

bool ctl_pidfd_exited(int pidfd)
{
        struct pollfd p = {.fd = pidfd, .events = POLLIN};

        return poll(&p, 1, 0) != 0; /* readable (or an error) once the process has exited */
}

int ctl_signal_leader(const struct machine_record *m, int sig)
{
        _cleanup_close_ int fd = ctl_open_leader(m);

        if (fd < 0)
                return fd;
        if (pidfd_send_signal(fd, sig, NULL, 0) < 0)
                return log_error_errno(-errno, "Failed to send SIG%s to the leader (pid %d) of machine '%s': %m",
                                       sigabbrev_np(sig) ? sigabbrev_np(sig) : "?", (int)m->leader, m->name);
        return 0;
}
