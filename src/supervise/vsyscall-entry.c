/* The vsyscall entries as data and the emulation of one call on a register set. No libc
 * function is called (the shim links this without libc): only macros and types come from the
 * headers, and the compiler's own memcpy/memset calls bind to the shim's. */
#include "supervise/vsyscall-entry.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#define N_ENTRIES (sizeof entries / sizeof entries[0])

/* The kernel's access_ok() limit with 4-level paging (TASK_SIZE_MAX): a pointer at or above it is
 * refused before anything is written. */
#define USER_ADDR_LIMIT 0x00007ffffffff000UL

static const struct vsyscall_entry entries[] = {
        {0x000, VSYSCALL_GETTIMEOFDAY, "gettimeofday"},
        {0x400, VSYSCALL_TIME, "time"},
        {0x800, VSYSCALL_GETCPU, "getcpu"},
};

const struct vsyscall_entry *vsyscall_decode(unsigned long page, unsigned long ip)
{
        if (ip < page || ip - page >= VSYSCALL_PAGE_SIZE)
                return NULL;
        for (size_t i = 0; i < N_ENTRIES; i++)
                if (ip - page == entries[i].offset)
                        return &entries[i];
        return NULL;
}

static bool user_range_ok(unsigned long addr, size_t len)
{
        return addr <= USER_ADDR_LIMIT && len <= USER_ADDR_LIMIT - addr;
}

/* write_ok_or_segv(): NULL means "don't write" and passes; a kernel address fails at once. */
static bool pointer_ok(unsigned long addr, size_t len, struct vsyscall_outcome *ret)
{
        if (addr == 0 || user_range_ok(addr, len))
                return true;
        *ret = (struct vsyscall_outcome){.action = VSYSCALL_SEGV, .fault_code = SEGV_MAPERR, .fault_addr = addr};
        return false;
}

/* Write one result. A fault while writing is answered as Linux >= 6.10 does (vsyscall_64.c
 * after "Don't use sig_on_uaccess_err"): force_sig(SIGSEGV), i.e. SI_KERNEL and no address, with
 * the instruction pointer left at the entry. Returns 1 written, 0 fault (ret filled), -errno when
 * the tracee is gone. */
static int put(const struct vsyscall_ops *ops, unsigned long addr, const void *buf, size_t len,
               struct vsyscall_outcome *ret)
{
        int r = ops->write(ops->userdata, addr, buf, len);

        if (r >= 0)
                return 1;
        if (r != -EFAULT)
                return r;
        *ret = (struct vsyscall_outcome){.action = VSYSCALL_SEGV, .fault_code = SI_KERNEL};
        return 0;
}

static int do_gettimeofday(const struct user_regs_struct *regs, const struct vsyscall_ops *ops,
                           struct vsyscall_outcome *ret, long *ret_result)
{
        unsigned long tv = regs->rdi, tz = regs->rsi;
        long sec, usec;
        int west, dst, r;

        if (!pointer_ok(tv, 2 * sizeof(int64_t), ret) || !pointer_ok(tz, 2 * sizeof(int32_t), ret))
                return 0;
        r = ops->clock(ops->userdata, &sec, &usec, &west, &dst);
        if (r < 0)
                return r;
        if (tv) {
                int64_t v[2] = {sec, usec};
                if ((r = put(ops, tv, v, sizeof v, ret)) <= 0)
                        return r;
        }
        if (tz) {
                int32_t z[2] = {west, dst};
                if ((r = put(ops, tz, z, sizeof z, ret)) <= 0)
                        return r;
        }
        *ret_result = 0;
        return 1;
}

static int do_time(const struct user_regs_struct *regs, const struct vsyscall_ops *ops, struct vsyscall_outcome *ret,
                   long *ret_result)
{
        unsigned long tloc = regs->rdi;
        long sec, usec;
        int west, dst, r;

        if (!pointer_ok(tloc, sizeof(int64_t), ret))
                return 0;
        r = ops->clock(ops->userdata, &sec, &usec, &west, &dst);
        if (r < 0)
                return r;
        if (tloc) {
                int64_t t = sec;
                if ((r = put(ops, tloc, &t, sizeof t, ret)) <= 0)
                        return r;
        }
        *ret_result = sec;
        return 1;
}

static int do_getcpu(const struct user_regs_struct *regs, const struct vsyscall_ops *ops, struct vsyscall_outcome *ret,
                     long *ret_result)
{
        unsigned long cpup = regs->rdi, nodep = regs->rsi;
        struct vsyscall_outcome first = {0};
        unsigned cpu, node;
        bool faulted = false;
        int r;

        if (!pointer_ok(cpup, sizeof(unsigned), ret) || !pointer_ok(nodep, sizeof(unsigned), ret))
                return 0;
        r = ops->cpu(ops->userdata, &cpu, &node);
        if (r < 0)
                return r;
        /* sys_getcpu tries both stores, then reports the fault */
        if (cpup) {
                if ((r = put(ops, cpup, &cpu, sizeof cpu, &first)) < 0)
                        return r;
                faulted = r == 0;
        }
        if (nodep) {
                struct vsyscall_outcome second;
                if ((r = put(ops, nodep, &node, sizeof node, &second)) < 0)
                        return r;
                if (r == 0 && !faulted) {
                        first = second;
                        faulted = true;
                }
        }
        if (faulted) {
                *ret = first;
                return 0;
        }
        *ret_result = 0;
        return 1;
}

int vsyscall_emulate(const struct vsyscall_entry *e, struct user_regs_struct *regs, const struct vsyscall_ops *ops,
                     struct vsyscall_outcome *ret)
{
        struct vsyscall_outcome o = {0};
        uint64_t caller;
        long result = 0;
        int r;

        /* the entry's `ret` needs the return address: the kernel reads it first */
        r = ops->read(ops->userdata, regs->rsp, &caller, sizeof caller);
        if (r == -EFAULT) {
                *ret = (struct vsyscall_outcome){.action = VSYSCALL_SEGV, .fault_code = SI_KERNEL};
                return 0;
        }
        if (r < 0)
                return r;
        switch (e->call) {
        case VSYSCALL_GETTIMEOFDAY:
                r = do_gettimeofday(regs, ops, &o, &result);
                break;
        case VSYSCALL_TIME:
                r = do_time(regs, ops, &o, &result);
                break;
        case VSYSCALL_GETCPU:
                r = do_getcpu(regs, ops, &o, &result);
                break;
        default:
                return -EINVAL;
        }
        if (r < 0)
                return r;
        if (r == 0) {
                *ret = o;
                return 0;
        }
        regs->rax = (unsigned long)result;
        regs->rip = caller;
        regs->rsp += 8;
        *ret = (struct vsyscall_outcome){.action = VSYSCALL_RETURN, .result = result};
        return 0;
}

