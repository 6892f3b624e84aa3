/* Native speed after warm-up: on a vsyscall trap, redirect the call site that made it to the
 * tracee's vDSO, so that the site's next calls never trap. Only exact known sequences in private
 * mappings are patched, with the thread group stopped, verified byte for byte before and after;
 * anything else keeps trapping. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>
#include <sys/user.h>

#include "supervise/vsyscall-emulate.h"

#define VSYSCALL_REFUSED_MAX 32

struct vsyscall_patcher {
        bool enabled;       /* $USPAWN_VSYSCALL_PATCH=0 leaves every call trapping */
        bool busy;          /* handing back stops held while patching: no patch inside a patch */
        unsigned long page; /* the page whose entries the sites call */
        unsigned long patched;
        /* sites that matched but could not be patched (shared mapping, no vDSO...), by the
         * thread that trapped: not tried again until its process execs (the leader's entries
         * go then; the other threads' die with them, a reused id at worst keeps a site trapping) */
        struct {
                pid_t tid;
                unsigned long site;
        } refused[VSYSCALL_REFUSED_MAX];
        unsigned n_refused;
};

/* What the tracer does with a wait status that stopping the other threads collected. */
typedef void (*vsyscall_held_fn)(void *userdata, pid_t tid, int status);

void vsyscall_patcher_init(struct vsyscall_patcher *p, unsigned long page);

/* tid is in the signal-delivery-stop of a trap at entry e, with regs as they were at the trap.
 * Patch the site that called e when it is one we know. Stops seen meanwhile from the process's
 * other threads are passed to held() afterwards, in order. The thread's registers are as before,
 * though it may now be in a different signal-delivery-stop (resume it with the emulated result
 * and no signal, or with the SIGSEGV to deliver). Returns 1 patched, 0 not (the site keeps
 * trapping; the thread may also have died meanwhile, which emulating the call will notice). */
int vsyscall_patch_call_site(struct vsyscall_patcher *p, pid_t tid, const struct user_regs_struct *regs,
                             const struct vsyscall_entry *e, vsyscall_held_fn held, void *userdata);

/* The process (its thread group leader, tid) executed a new program: its old sites are gone. */
void vsyscall_patcher_forget(struct vsyscall_patcher *p, pid_t tid);
