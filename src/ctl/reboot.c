/* `uspawnctl reboot NAME`: ask a booted machine's init to restart (uspawn then exits 133, as
 * systemd-nspawn does): systemd takes SIGINT, BusyBox init SIGTERM, sysvinit an initctl
 * runlevel-6 request (SIGINT, ctrlaltdel, when the FIFO is missing). A command cannot reboot. */
#include <signal.h>
#include <string.h>

#include "ctl/ctl.h"
#include "boot.h"
#include "util/log.h"
#include "util/talloc-util.h"

int verb_reboot(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        _cleanup_close_ int fd = -EBADF;
        struct machine_record m;
        int r;

        if ((r = ctl_want_name(argc, argv)) < 0 || (r = ctl_load_machine(ctx, argv[1], &m)) < 0)
                return r;
        if (!m.boot)
                return log_error_errno(-EOPNOTSUPP,
                                       "Machine '%s' runs a command, not an init, and cannot reboot; "
                                       "use uspawnctl terminate or poweroff",
                                       m.name);
        if (m.init && streq(m.init, "BusyBox init"))
                return ctl_signal_leader(&m, SIGTERM);
        if (m.init && streq(m.init, "sysvinit")) {
                fd = ctl_open_leader(&m); /* checks the pid is still the leader's */
                if (fd < 0)
                        return fd;
                if (sysvinit_request_runlevel(m.leader, '6') >= 0)
                        return 0;
        }
        return ctl_signal_leader(&m, SIGINT); /* systemd's ctrl-alt-del: reboot */
}
