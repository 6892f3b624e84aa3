/* vsyscall emulation under the trace backend: the tracer already stops every tracee, so a SIGSEGV
 * at an entry of the legacy page is answered here with the shared engine
 * (supervise/vsyscall-emulate.c decides what the call does; this file gives it the tracee's
 * memory, the clock and the CPU). Which page, and whether at all, is vsyscall_tracer_init's call. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/time.h>
#include <sys/uio.h>

#include "supervise/vsyscall-emulate.h"
#include "trace/trace.h"
#include "util/fs.h"
#include "util/log.h"

/* process_vm_* only: the kernel's emulation faults on a read-only page, which /proc/PID/mem
 * (tracee_write's fallback) would write anyway. */
static int mem_io(pid_t tid, unsigned long addr, void *buf, size_t len, bool write)
{
        struct iovec local = {.iov_base = buf, .iov_len = len};
        struct iovec remote = {.iov_base = (void *)addr, .iov_len = len};
        ssize_t n = write ? process_vm_writev(tid, &local, 1, &remote, 1, 0)
                          : process_vm_readv(tid, &local, 1, &remote, 1, 0);

        if (n == (ssize_t)len)
                return 0;
        return n >= 0 || errno == EFAULT ? -EFAULT : -errno;
}

static int mem_read(void *userdata, unsigned long addr, void *buf, size_t len)
{
        return mem_io(*(pid_t *)userdata, addr, buf, len, false);
}

static int mem_write(void *userdata, unsigned long addr, const void *buf, size_t len)
{
        return mem_io(*(pid_t *)userdata, addr, (void *)buf, len, true);
}

static int host_clock(void *userdata, long *ret_sec, long *ret_usec, int *ret_west, int *ret_dst)
{
        struct timeval tv;
        struct timezone tz;

        if (gettimeofday(&tv, &tz) < 0)
                return -errno;
        *ret_sec = tv.tv_sec;
        *ret_usec = tv.tv_usec;
        *ret_west = tz.tz_minuteswest;
        *ret_dst = tz.tz_dsttime;
        return 0;
}

/* The CPU the tracee last ran on; node 0 (NUMA placement is not worth a directory walk here). */
static int tracee_cpu(void *userdata, unsigned *ret_cpu, unsigned *ret_node)
{
        char path[64], text[1024];
        int r;

        snprintf(path, sizeof path, "/proc/%d/stat", (int)*(pid_t *)userdata);
        r = read_small_file(path, text, sizeof text);
        if (r < 0)
                return r == -ENOENT ? -ESRCH : r;
        *ret_node = 0;
        return vsyscall_parse_stat_cpu(text, ret_cpu);
}

bool trace_vsyscall_segv(struct tracer *tr, struct tracee *t)
{
        pid_t tid = t->tid;
        const struct vsyscall_ops ops = {.read = mem_read, .write = mem_write, .clock = host_clock,
                                         .cpu = tracee_cpu, .userdata = &tid};
        struct user_regs_struct regs;
        const struct vsyscall_entry *e;
        struct vsyscall_outcome o;
        siginfo_t si = {0};

        if (!tr->vsyscall_page || tracee_get_regs(tid, &regs) < 0)
                return false;
        e = vsyscall_decode(tr->vsyscall_page, regs.rip);
        if (!e)
                return false;
        if (vsyscall_emulate(e, &regs, &ops, &o) < 0)
                return true; /* gone */
        if (o.action == VSYSCALL_RETURN) {
                (void)tracee_set_regs(tid, &regs);
                tr->vsyscall_emulated++;
                log_debug("vsyscall: emulated %s() for PID %d", e->name, (int)tid);
                (void)ptrace(PTRACE_CONT, tid, 0, 0);
                return true;
        }
        tr->vsyscall_faults++;
        si.si_signo = SIGSEGV;
        si.si_code = o.fault_code;
        si.si_addr = (void *)o.fault_addr;
        (void)ptrace(PTRACE_SETSIGINFO, tid, 0, &si);
        (void)ptrace(PTRACE_CONT, tid, 0, SIGSEGV);
        return true;
}
