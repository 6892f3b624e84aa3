/* The trace backend's seccomp filter: the path-taking calls of the trace syscall table stop the
 * tracee (SECCOMP_RET_TRACE), every other call runs without the tracer. */
#pragma once

#include <seccomp.h>
#include <stdbool.h>

/* Build the filter (not loaded); fakeroot adds the calls only fake root answers (ids, fstat,
 * fchown); notify sends the table's notify rows to a listener (SECCOMP_RET_USER_NOTIF), which
 * loading then creates. Returns 0 and *ret, or -errno. */
int trace_filter_build(bool fakeroot, bool notify, scmp_filter_ctx *ret);
