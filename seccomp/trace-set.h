/* The trace backend's seccomp filter: the path-taking calls of the trace syscall table stop the
 * tracee (SECCOMP_RET_TRACE), every other call runs without the tracer. */
#pragma once

#include <seccomp.h>

/* Build the filter (not loaded). Returns 0 and *ret, or -errno. */
int trace_filter_build(scmp_filter_ctx *ret);
