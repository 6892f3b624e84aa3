/* The trace backend's acceleration filter, built from the one table of path-taking calls
 * (src/trace/syscalls.c) so the set that stops and the set that is translated cannot differ.
 * sendto, recvfrom and accept stop only when they name an address; a call of a foreign ABI (int 0x80 from a 64-bit
 * program, whose numbers mean other calls) fails with ENOSYS rather than pass untranslated. */
#include <errno.h>
#include <sys/syscall.h>

#include "seccomp/trace-set.h"
#include "trace/syscalls.h"

int trace_filter_build(bool fakeroot, scmp_filter_ctx *ret)
{
        scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
        int r = 0;

        if (!ctx)
                return -ENOMEM;
        r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ERRNO(ENOSYS));
        for (size_t i = 0; r >= 0 && i < syscall_table_size; i++) {
                const struct syscall_row *row = &syscall_table[i];

                if (row->kind == SC_FAKEROOT && !fakeroot)
                        continue; /* the guest runs with the user's ids: the kernel answers */

                /* these name an address only when given a non-NULL one */
                if (row->nr == __NR_sendto || row->nr == __NR_recvfrom)
                        r = seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), row->nr, 1, SCMP_A4(SCMP_CMP_NE, 0));
                else if (row->nr == __NR_accept || row->nr == __NR_accept4)
                        r = seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), row->nr, 1, SCMP_A1(SCMP_CMP_NE, 0));
                else
                        r = seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), row->nr, 0);
        }
        if (r < 0) {
                seccomp_release(ctx);
                return r;
        }
        *ret = ctx;
        return 0;
}
