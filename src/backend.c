/* Backend choice: --backend=userns and --backend=trace are obeyed as given; auto takes the userns
 * backend when this host lets us create a user namespace, else the trace backend, and says why. */
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
        struct host h = {0};
        int r;

        switch (s->backend) {
        case BACKEND_USERNS:
                *ret = &backend_userns;
                return 0;
        case BACKEND_TRACE:
                *ret = &backend_trace;
                return 0;
        case BACKEND_AUTO:
                break;
        }
        r = host_probe_userns(&h);
        if (r >= 0 && h.userns.ok) {
                *ret = &backend_userns;
                return 0;
        }
        log_info("User namespaces are refused (%.*s); using the trace backend.", userns_refusal(&h), h.userns.detail);
        *ret = &backend_trace;
        return 0;
}
