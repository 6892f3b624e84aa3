/* `uspawnctl terminate NAME`: SIGKILL the leader (the kernel then kills every process in the
 * PID namespace) and wait, 5 s at most, until the leader is gone or the record disappears. */
#include <poll.h>
#include <signal.h>
#include <sys/pidfd.h>
#include <time.h>
#include <unistd.h>

#include "ctl/ctl.h"
#include "util/log.h"
#include "util/talloc-util.h"

#define TERMINATE_TIMEOUT_MS 5000

int verb_terminate(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        _cleanup_close_ int fd = -EBADF;
        struct machine_record m;
        struct pollfd p;
        int r;

        if ((r = ctl_want_name(argc, argv)) < 0 || (r = ctl_load_machine(ctx, argv[1], &m)) < 0)
                return r;
        fd = ctl_open_leader(&m);
        if (fd < 0)
                return fd;
        if (pidfd_send_signal(fd, SIGKILL, NULL, 0) < 0)
                return log_error_errno(-errno, "Failed to kill the leader (pid %d) of machine '%s': %m", (int)m.leader,
                                       m.name);
        /* the pidfd becomes readable when the leader has exited */
        p = (struct pollfd){.fd = fd, .events = POLLIN};
        for (int waited = 0; waited < TERMINATE_TIMEOUT_MS; waited += 50) {
                struct machine_record again;

                if (poll(&p, 1, 50) != 0)
                        return 0;
                if (registry_load(ctx, m.name, &again) == -ENOENT)
                        return 0;
        }
        return log_error_errno(-ETIMEDOUT, "Machine '%s' is still running 5 s after SIGKILL of its leader (pid %d)",
                               m.name, (int)m.leader);
}
