/* vsyscall emulation under the trace backend: the tracer already stops every tracee, so a SIGSEGV
 * at an entry of the legacy page is answered here by the shared engine (supervise/vsyscall.c).
 * Which page, and whether at all, is vsyscall_tracer_init's call. Call sites are not patched to
 * the vDSO yet: the stops of other threads that patching collects would have to be handed back
 * to this tracer's loop. */
#include "supervise/vsyscall.h"
#include "trace/trace.h"

bool trace_vsyscall_segv(struct tracer *tr, struct tracee *t)
{
        if (!tr->vsyscall_page)
                return false;
        return vsyscall_answer_segv(tr->vsyscall_page, t->tid, NULL, NULL, NULL, &tr->vsyscall_emulated,
                                    &tr->vsyscall_faults);
}
