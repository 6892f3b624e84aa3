/* `uspawnctl poweroff NAME`: ask the supervisor (SIGTERM) to stop the machine the way its init
 * understands (systemd SIGRTMIN+3, BusyBox SIGUSR2, sysvinit an initctl request; the kill
 * signal for a command) and return at once, as machinectl does. */
#include <signal.h>

#include "ctl/ctl.h"
#include "util/log.h"
#include "util/talloc-util.h"

int verb_poweroff(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        struct machine_record m;
        int r;

        if ((r = ctl_want_name(argc, argv)) < 0 || (r = ctl_load_machine(ctx, argv[1], &m)) < 0)
                return r;
        /* registry_load has just matched the supervisor's start time: the pid is still uspawn's */
        if (kill(m.supervisor, SIGTERM) < 0)
                return log_error_errno(-errno, "Failed to send SIGTERM to the supervisor (pid %d) of machine '%s': %m",
                                       (int)m.supervisor, m.name);
        return 0;
}
