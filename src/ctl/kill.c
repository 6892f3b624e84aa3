/* `uspawnctl kill NAME [--signal=SIG]`: send a signal (SIGTERM by default) to the leader. */
#include <signal.h>

#include "ctl/ctl.h"
#include "util/talloc-util.h"

int verb_kill(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        struct machine_record m;
        int r;

        if ((r = ctl_want_name(argc, argv)) < 0 || (r = ctl_load_machine(ctx, argv[1], &m)) < 0)
                return r;
        return ctl_signal_leader(&m, a->signal > 0 ? a->signal : SIGTERM);
}
