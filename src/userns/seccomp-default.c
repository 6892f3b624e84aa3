/* The default filter, compiled at build time by seccomp/gen-default.c and embedded by the
 * GNUmakefile; kept apart from seccomp.c so the generator can link that without it. */
#include "userns/seccomp.h"

extern const char uspawn_default_filter_start[], uspawn_default_filter_end[];
extern const char uspawn_emulating_filter_start[], uspawn_emulating_filter_end[];

void seccomp_default_filter(bool emulate_ids, const void **ret_bpf, size_t *ret_len)
{
        *ret_bpf = emulate_ids ? uspawn_emulating_filter_start : uspawn_default_filter_start;
        *ret_len = emulate_ids ? (size_t)(uspawn_emulating_filter_end - uspawn_emulating_filter_start)
                               : (size_t)(uspawn_default_filter_end - uspawn_default_filter_start);
}
