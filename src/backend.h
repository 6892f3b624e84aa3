/* A backend turns a plan into a running container: userns with real mounts, or trace, which
 * emulates the plan's binds with path translation under ptrace + seccomp. */
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
extern const struct backend backend_trace;

/* Pick the backend the settings ask for (auto: the best this host allows). */
int backend_select(const struct settings *s, const struct backend **ret);
