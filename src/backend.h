/* A backend turns a plan into a running container: userns with real mounts today; the trace
 * backend (ptrace + seccomp) will sit beside it with the same two operations. */
#pragma once

#include "host.h"
#include "plan.h"
#include "settings.h"

struct backend {
        const char *name;
        /* Run the container and return its exit code (>= 0), or -errno after reporting. */
        int (*run)(const struct settings *s, const struct plan *p);
};

extern const struct backend backend_userns;

/* Pick the backend the settings ask for (auto: the best this host allows). */
int backend_select(const struct settings *s, const struct backend **ret);
