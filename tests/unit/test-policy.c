/* Unit tests for the seccomp policy: the default denied set, and --system-call-filter
 * allowing and denying calls and @groups on top of it. */
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "seccomp/policy.h"
#include "userns/seccomp.h"
#include "unit.h"

static bool has(char **l, const char *s)
{
        for (; l && *l; l++)
                if (strcmp(*l, s) == 0)
                        return true;
        return false;
}

int main(void)
{
        void *ctx = talloc_new(NULL);
        char **d = seccomp_denied_syscalls(ctx, NULL);

        check(has(d, "kexec_load") && has(d, "init_module") && has(d, "bpf") && has(d, "perf_event_open") &&
                      has(d, "keyctl") && has(d, "swapon"),
              "default denies what nspawn refuses");
        check(!has(d, "mount") && !has(d, "getpid") && !has(d, "reboot"), "default allows mount, getpid and reboot");

        d = seccomp_denied_syscalls(ctx, (char *[]){"perf_event_open", "@keyring", NULL});
        check(!has(d, "perf_event_open") && !has(d, "keyctl") && !has(d, "add_key") && has(d, "bpf"),
              "allowing a call and a group removes them only");

        d = seccomp_denied_syscalls(ctx, (char *[]){"~@mount", "~sethostname", NULL});
        check(has(d, "mount") && has(d, "umount2") && has(d, "pivot_root") && has(d, "sethostname"),
              "~ adds calls and groups");

        d = seccomp_denied_syscalls(ctx, (char *[]){"~@privileged", NULL});
        check(has(d, "setuid") && has(d, "settimeofday") && has(d, "init_module"), "nested groups expand");

        check(syscall_filter_entry_is_valid("openat") && syscall_filter_entry_is_valid("@mount") &&
                      !syscall_filter_entry_is_valid("@nope") && !syscall_filter_entry_is_valid("nosuchcall"),
              "entry validation");
        for (int emulate = 0; emulate <= 1; emulate++) {
                void *compiled = NULL;
                const void *embedded;
                size_t n = 0, m = 0;
                seccomp_default_filter(emulate, &embedded, &m);
                check(seccomp_compile_policy(NULL, emulate, &compiled, &n) == 0 && n == m && n > 0 &&
                              memcmp(compiled, embedded, n) == 0,
                      emulate ? "the emulating filter embedded at build time is the one compiled now"
                              : "the filter embedded at build time is the one the policy compiles to now");
                free(compiled);
        }
        talloc_free(ctx);
        return unit_exit();
}
