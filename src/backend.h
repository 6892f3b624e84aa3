/* A backend turns a plan into a running container: userns with real mounts, or trace, which
 * emulates the plan's binds with path translation under ptrace + seccomp. */
#pragma once

#include <errno.h>

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

/* What the userns backend returns, having reported nothing, when --backend=auto and the kernel
 * refuses the user namespace: the caller runs the trace backend instead. Trying is cheaper than
 * probing first (a probe costs a process), and the refusal is rare. */
#define BACKEND_USERNS_REFUSED (-EUSERS)

/* Pick the backend the settings ask for (auto: userns, falling back to trace on refusal). */
int backend_select(const struct settings *s, const struct backend **ret);

/* Run the container with the chosen backend, falling back from userns to trace under auto. */
int backend_run(const struct settings *s, const struct plan *p, const struct backend *b);
