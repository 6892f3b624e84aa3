/* The seccomp/ptrace event order of this kernel (see order.c). */
#pragma once

#include <stdbool.h>

int trace_probe_event_order(bool *ret_enter_after_seccomp);
/* Whether this kernel loads seccomp filters at all (false: the trace backend uses plain ptrace). */
bool trace_probe_seccomp_filters(void);
