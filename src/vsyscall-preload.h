/* --vsyscall=preload, and auto's fallback when the container cannot be traced: the legacy page
 * emulated inside each dynamic program by libuspawn-vsyscall.so, bound into /run/host. */
#pragma once

#include "settings.h"

#define VSYSCALL_LIBRARY_IN_CONTAINER "/run/host/uspawn/libuspawn-vsyscall.so"

/* With --vsyscall=preload, or auto on a host without the page where a child cannot be traced
 * (uspawn itself under strace -f, ptrace refused by Yama or seccomp): set s->vsyscall_library
 * and LD_PRELOAD in s's environment (and s->vsyscall = preload, so nothing tries ptrace).
 * Nothing otherwise. Logs its errors. */
int vsyscall_preload_inject(struct settings *s);
