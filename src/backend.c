/* Backend choice: --backend=userns and --backend=trace are obeyed as given; auto runs the userns
 * backend and, when the kernel refuses its user namespace, the trace backend, saying why. */
#include <string.h>

#include "backend.h"
#include "util/log.h"

/* The userns probe's detail without the "trace backend would be used" tail we are about to say. */
static int userns_refusal(const struct host *h)
{
        size_t len = strlen(h->userns.detail), suffix = strlen(HOST_TRACE_FALLBACK);

        if (len >= suffix && streq(h->userns.detail + len - suffix, HOST_TRACE_FALLBACK))
                len -= suffix;
        return (int)len;
}

int backend_select(const struct settings *s, const struct backend **ret)
{
        *ret = s->backend == BACKEND_TRACE ? &backend_trace : &backend_userns;
        return 0;
}

/* The userns backend's clone was refused under auto: say why, in the probe's words. */
static void announce_fallback(void)
{
        struct host h = {0};

        host_probe_userns(&h);
        log_info("User namespaces are refused (%.*s); using the trace backend.", userns_refusal(&h), h.userns.detail);
}

int backend_run(const struct settings *s, const struct plan *p, const struct backend *b)
{
        int r = b->run(s, p);

        if (r != BACKEND_USERNS_REFUSED)
                return r;
        announce_fallback();
        return backend_trace.run(s, p);
}
