/* The trace backend's fake root, as tables: every call the seccomp-notify root emulation answers
 * stops in the trace backend too (the two emulations cover the same calls), and the id calls
 * stop only when fake root is on. Checked on the real filter: loaded in a child without a
 * tracer, a SECCOMP_RET_TRACE call fails with ENOSYS. */
#include <errno.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fakeroot/calls.h"
#include "seccomp/trace-set.h"
#include "trace/syscalls.h"
#include "unit.h"

/* In a child: load the trace filter, then getuid; 1 when it stopped (ENOSYS without a tracer),
 * 0 when it ran, -1 when the child could not tell. */
static int getuid_stops(bool fakeroot)
{
        int status;
        pid_t pid = fork();

        if (pid == 0) {
                scmp_filter_ctx ctx;
                long r;
                if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || trace_filter_build(fakeroot, false, &ctx) < 0 ||
                    seccomp_load(ctx) < 0)
                        _exit(2);
                r = syscall(SYS_getuid);
                _exit(r < 0 && errno == ENOSYS ? 1 : r >= 0 ? 0 : 2);
        }
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) > 1)
                return -1;
        return WEXITSTATUS(status);
}

int main(void)
{
        bool all = true;

        for (unsigned i = 0; i < fakeroot_n_calls; i++) {
                const struct syscall_row *row = syscall_row_find(fakeroot_calls[i].nr);
                if (!row) {
                        printf("# not in the trace table: %d\n", fakeroot_calls[i].nr);
                        all = false;
                }
        }
        check(all, "every call the notify emulation answers is in the trace table");
        check(getuid_stops(false) == 0, "without fake root getuid runs untraced");
        check(getuid_stops(true) == 1, "with fake root getuid stops");
        return unit_exit();
}
