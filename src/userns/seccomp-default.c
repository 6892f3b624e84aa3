/* The default filter, compiled at build time by seccomp/gen-default.c and embedded by the
 * GNUmakefile; kept apart from seccomp.c so the generator can link that without it. */
#include "userns/seccomp.h"

extern const char uspawn_default_filter_start[], uspawn_default_filter_end[];

void seccomp_default_filter(const void **ret_bpf, size_t *ret_len)
{
        *ret_bpf = uspawn_default_filter_start;
        *ret_len = (size_t)(uspawn_default_filter_end - uspawn_default_filter_start);
}
