/* Choosing the in-process vsyscall emulation and injecting it: libuspawn-vsyscall.so is found
 * like the copy-on-write shim (cow-inject.c), bound read-only at VSYSCALL_LIBRARY_IN_CONTAINER
 * by the plan and named first in LD_PRELOAD. auto takes it when the supervisor would trace but
 * cannot: a forked child it fails to PTRACE_SEIZE is the same refusal the container would meet. */
#include "vsyscall-preload.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <talloc.h>
#include <unistd.h>

#include "cow-inject.h"
#include "host.h"
#include "supervise/vsyscall-emulate.h"
#include "util/log.h"
#include "util/strv.h"

/* Whether this process may trace its children: asked of a child that waits to be killed. */
static int ptrace_refused(void)
{
        int r, err;
        pid_t pid = fork();

        if (pid < 0)
                return -errno;
        if (pid == 0) {
                for (;;)
                        pause();
        }
        r = ptrace(PTRACE_SEIZE, pid, 0, 0);
        err = errno;
        kill(pid, SIGKILL);
        while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR)
                ;
        if (r == 0)
                return 0;
        log_debug("vsyscall: PTRACE_SEIZE of a child refused: %s", strerror(err));
        return 1;
}

static bool auto_falls_back(void)
{
        struct host h = {.vsyscall_mode = VSYSCALL_UNKNOWN};

        host_probe_vsyscall(&h);
        if (!vsyscall_want_emulation(VSYSCALL_CHOICE_AUTO, h.vsyscall_mode) || ptrace_refused() <= 0)
                return false;
        log_notice("This kernel has no vsyscall page and uspawn cannot trace the container; emulating it inside "
                   "dynamically linked programs instead (--vsyscall=preload; static ones of glibc 2.13 or older "
                   "will crash).");
        return true;
}

/* LD_PRELOAD with the library first; a test page named to the supervisor is named to it too */
static int set_environment(struct settings *s)
{
        const char *user = strv_env_get(s->environment, "LD_PRELOAD"), *test = getenv("USPAWN_VSYSCALL_TEST_PAGE");
        char *preload = talloc_asprintf(s, "LD_PRELOAD=%s%s%s", VSYSCALL_LIBRARY_IN_CONTAINER,
                                        user && *user ? ":" : "", user ? user : "");

        if (!preload || strv_env_set(s, &s->environment, preload) < 0)
                return -ENOMEM;
        if (test && *test) {
                char *v = talloc_asprintf(s, "USPAWN_VSYSCALL_TEST_PAGE=%s", test);
                if (!v || strv_env_set(s, &s->environment, v) < 0)
                        return -ENOMEM;
        }
        return 0;
}

int vsyscall_preload_inject(struct settings *s)
{
        void *ctx;
        char *library, *looked = NULL;
        int r = 0;

        if (s->vsyscall != VSYSCALL_CHOICE_PRELOAD && (s->vsyscall != VSYSCALL_CHOICE_AUTO || !auto_falls_back()))
                return 0;
        ctx = talloc_new(s);
        if (!ctx)
                return log_error_errno(-ENOMEM, "Out of memory");
        library = preload_find_library(ctx, "libuspawn-vsyscall.so", "USPAWN_VSYSCALL_LIBRARY", &looked);
        if (!library)
                r = log_error_errno(-ENOENT,
                                    "--vsyscall=preload needs libuspawn-vsyscall.so, which is not at %s: build it "
                                    "(make) or install it (make install)",
                                    looked && *looked ? looked : "its places");
        else if (set_environment(s) < 0)
                r = log_error_errno(-ENOMEM, "Out of memory");
        else {
                s->vsyscall = VSYSCALL_CHOICE_PRELOAD;
                s->vsyscall_library = talloc_steal(s, library);
                log_debug("vsyscall: preloading %s as %s", library, VSYSCALL_LIBRARY_IN_CONTAINER);
        }
        talloc_free(ctx);
        return r;
}
