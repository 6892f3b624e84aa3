/* The trace backend's acceleration filter, built from the one table of path-taking calls
 * (src/trace/syscalls.c) so the set that stops and the set that is translated cannot differ.
 * sendto, recvfrom and accept stop only when they name an address; a call of a foreign ABI (int 0x80 from a 64-bit
 * program, whose numbers mean other calls) fails with ENOSYS rather than pass untranslated.
 * With a listener, the rows marked notify (the stat family, access, opens that create nothing)
 * go to the supervisor as user notifications instead (trace/notify.c), unless an open carries
 * the hand-over marker: then the tracer's stop does it (a FIFO, a terminal). */
#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>

#include "seccomp/trace-set.h"
#include "trace/syscalls.h"
#include "userns/seccomp.h"

/* O_TMPFILE's own bit: glibc's __O_TMPFILE also holds O_DIRECTORY */
#define TMPFILE_BIT 020000000

/* Rules on open flags: notify when none of these bits is set, trace when any one is. The two
 * must cover every value: a value neither matched would run untranslated (the default). O_PATH
 * descriptors cannot be sent (ADDFD takes no O_PATH file), creating opens stay with the tracer
 * (fake root records their owners at its exit stop). */
static int add_open_rules(scmp_filter_ctx ctx, const struct syscall_row *row)
{
        const uint64_t bits[] = {O_CREAT, TMPFILE_BIT, O_PATH, TRACE_HANDOVER_MARKER};
        unsigned a = (unsigned)row->open_flags;
        int r = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, row->nr, 1,
                                 SCMP_CMP(a, SCMP_CMP_MASKED_EQ, O_CREAT | TMPFILE_BIT | O_PATH | TRACE_HANDOVER_MARKER, 0));

        for (size_t i = 0; r >= 0 && i < sizeof bits / sizeof *bits; i++)
                r = seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), row->nr, 1, SCMP_CMP(a, SCMP_CMP_MASKED_EQ, bits[i], bits[i]));
        return r;
}

int trace_filter_build(bool fakeroot, bool notify, scmp_filter_ctx *ret)
{
        scmp_filter_ctx ctx;
        int r = 0;

        /* libseccomp refuses SCMP_ACT_NOTIFY unless its own probe found user notification; the
         * caller probed (host_probe_seccomp) */
        if (notify && seccomp_api_get() < 5)
                (void)seccomp_api_set(5);
        ctx = seccomp_filter_new();
        if (!ctx)
                return -ENOMEM;
        r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ERRNO(ENOSYS));
        for (size_t i = 0; r >= 0 && i < syscall_table_size; i++) {
                const struct syscall_row *row = &syscall_table[i];

                if (row->kind == SC_FAKEROOT && !fakeroot)
                        continue; /* the guest runs with the user's ids: the kernel answers */

                if (notify && row->notify && row->open_flags != NO_ARG)
                        r = add_open_rules(ctx, row);
                else if (notify && row->notify)
                        r = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, row->nr, 0);
                /* these name an address only when given a non-NULL one */
                else if (row->nr == __NR_sendto || row->nr == __NR_recvfrom)
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
