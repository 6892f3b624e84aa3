/* The trace backend's filter with a listener, run here by a small classic-BPF interpreter: every
 * open and openat, whatever its flags, goes to the supervisor (USER_NOTIF) or to the tracer
 * (TRACE), never straight to the kernel (ALLOW would open the guest's path on the host); notify
 * exactly when it creates nothing, is no O_PATH open and has no hand-over marker. glibc's
 * O_TMPFILE holds O_DIRECTORY: a directory open must not fall between the two rules. */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "seccomp/trace-set.h"
#include "trace/syscalls.h"
#include "bpf-run.h"
#include "unit.h"
#include "userns/seccomp.h"

static uint32_t action(const struct sock_filter *f, size_t n, int nr, int flags_arg, uint64_t flags)
{
        struct seccomp_data d = {.nr = nr, .arch = AUDIT_ARCH_X86_64};

        d.args[flags_arg] = flags;
        return bpf_run(f, n, &d) & SECCOMP_RET_ACTION_FULL;
}

int main(void)
{
        const uint64_t bits[] = {O_CREAT,  O_DIRECTORY, O_PATH, O_TMPFILE, O_NOFOLLOW,           O_WRONLY,
                                 O_RDWR,   O_CLOEXEC,   O_EXCL, O_TRUNC,   TRACE_HANDOVER_MARKER, 1ULL << 33};
        const size_t nb = sizeof bits / sizeof *bits;
        scmp_filter_ctx ctx;
        void *bpf = NULL;
        size_t len = 0;
        bool never_allowed = true, notify_exact = true, rows_stop = true;

        if (trace_filter_build(true, true, &ctx) < 0 || seccomp_export_to_memory(ctx, &bpf, &len) < 0) {
                check(false, "the filter builds and exports");
                return unit_exit();
        }
        seccomp_release(ctx);
        const struct sock_filter *f = bpf;
        size_t n = len / sizeof *f;

        for (int which = 0; which < 2; which++) {
                int nr = which ? __NR_openat : __NR_open, arg = which ? 2 : 1;
                for (uint32_t m = 0; m < 1u << nb; m++) {
                        uint64_t flags = 0;
                        for (size_t b = 0; b < nb; b++)
                                if (m & (1u << b))
                                        flags |= bits[b];
                        uint32_t act = action(f, n, nr, arg, flags);
                        bool want_notify = !(flags & (O_CREAT | 020000000 | O_PATH | TRACE_HANDOVER_MARKER));
                        if (act != SECCOMP_RET_USER_NOTIF && act != SECCOMP_RET_TRACE) {
                                printf("# nr %d flags %#llx: action %#x\n", nr, (unsigned long long)flags, act);
                                never_allowed = false;
                        } else if ((act == SECCOMP_RET_USER_NOTIF) != want_notify)
                                notify_exact = false;
                }
        }
        for (size_t i = 0; i < syscall_table_size; i++) {
                const struct syscall_row *row = &syscall_table[i];
                struct seccomp_data d = {.nr = row->nr, .arch = AUDIT_ARCH_X86_64};
                uint32_t act = bpf_run(f, n, &d) & SECCOMP_RET_ACTION_FULL;
                bool addr_only = row->nr == __NR_sendto || row->nr == __NR_recvfrom || row->nr == __NR_accept ||
                                 row->nr == __NR_accept4;
                if (!addr_only && act != SECCOMP_RET_TRACE && act != SECCOMP_RET_USER_NOTIF) {
                        printf("# %s: action %#x\n", row->name, act);
                        rows_stop = false;
                }
                if (row->notify && act != SECCOMP_RET_USER_NOTIF)
                        rows_stop = false;
        }
        free(bpf);
        check(never_allowed, "no open or openat runs untranslated, whatever its flags");
        check(notify_exact, "notify exactly for opens that create nothing, no O_PATH, no marker");
        check(rows_stop, "every row of the table stops, the notify rows at the listener");
        return unit_exit();
}
