/* The credential model of every process of a container, keyed by thread id (credentials are
 * per thread; glibc's set*id reaches every thread with its own call). A process is first seen
 * when one of its calls stops, not when it is created (seccomp user notification shows no
 * fork): it then takes the model of its thread group leader or, for a new process, of its
 * parent process, read from /proc/PID/status. */
#pragma once

#include <stdint.h>
#include <sys/types.h>

#include "fakeroot/creds.h"

struct fake_proc {
        pid_t tid;                     /* as the supervisor sees it; 0 = free slot */
        unsigned long long started;    /* start time (clock ticks): tells a reused pid */
        pid_t inside_tid, inside_tgid; /* as the container sees them (NSpid, NStgid); 0: unknown */
        struct fake_creds creds;
};

struct proctable;

struct proctable *proctable_new(void *ctx);

/* The model of thread tid (a pid in the supervisor's pid namespace), created by inheritance
 * when it was not known. NULL when out of memory. */
struct fake_proc *proctable_get(struct proctable *t, pid_t tid);

/* The known thread whose id inside the container is tid (main thread of process tid when
 * tid is a process id), or NULL. A linear scan: for /proc/PID/status, not for hot paths. */
struct fake_proc *proctable_find_inside(struct proctable *t, pid_t inside_tid);

/* How many processes are known (tests, debugging). */
size_t proctable_size(const struct proctable *t);
