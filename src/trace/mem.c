/* The tracee's registers and memory: process_vm_readv/writev, with /proc/TID/mem as the fallback
 * (it writes where process_vm_writev cannot, e.g. a stack page not yet faulted in). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <talloc.h>
#include <unistd.h>

#include "trace/trace.h"
#include "util/macro.h"

#define RED_ZONE 128 /* x86_64 ABI: below the stack pointer, the leaf function's own */
#define SCRATCH_GAP 256

static int proc_mem(pid_t tid, uint64_t addr, void *buf, size_t len, bool write)
{
        char path[32];
        _cleanup_close_ int fd = -EBADF;
        ssize_t k;

        snprintf(path, sizeof path, "/proc/%d/mem", (int)tid);
        fd = open(path, (write ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        k = write ? pwrite(fd, buf, len, (off_t)addr) : pread(fd, buf, len, (off_t)addr);
        if (k < 0)
                return -errno;
        return (size_t)k == len ? 0 : -EFAULT;
}

int tracee_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
        struct iovec local = {buf, len}, remote = {(void *)(uintptr_t)addr, len};
        ssize_t k = process_vm_readv(tid, &local, 1, &remote, 1, 0);

        if (k == (ssize_t)len)
                return 0;
        return proc_mem(tid, addr, buf, len, false);
}

int tracee_write(pid_t tid, uint64_t addr, const void *buf, size_t len)
{
        struct iovec local = {(void *)buf, len}, remote = {(void *)(uintptr_t)addr, len};
        ssize_t k = process_vm_writev(tid, &local, 1, &remote, 1, 0);

        if (k == (ssize_t)len)
                return 0;
        return proc_mem(tid, addr, (void *)buf, len, true);
}

int tracee_read_string(void *ctx, pid_t tid, uint64_t addr, size_t max, char **ret)
{
        char buf[PATH_MAX];
        size_t have = 0;

        if (max > sizeof buf)
                max = sizeof buf;
        if (!addr)
                return -EFAULT;
        /* page by page: the string may end just before an unmapped page */
        while (have < max) {
                size_t chunk = 4096 - ((addr + have) & 4095);
                char *nul;

                if (chunk > max - have)
                        chunk = max - have;
                if (tracee_read(tid, addr + have, buf + have, chunk) < 0)
                        return -EFAULT;
                nul = memchr(buf + have, '\0', chunk);
                if (nul) {
                        *ret = talloc_strndup(ctx, buf, (size_t)(nul - buf));
                        return *ret ? 0 : -ENOMEM;
                }
                have += chunk;
        }
        return -ENAMETOOLONG;
}

int tracee_get_regs(pid_t tid, struct user_regs_struct *ret)
{
        return RET_NERRNO(ptrace(PTRACE_GETREGS, tid, NULL, ret));
}

int tracee_set_regs(pid_t tid, const struct user_regs_struct *regs)
{
        return RET_NERRNO(ptrace(PTRACE_SETREGS, tid, NULL, regs));
}

void stack_scratch_init(struct stack_scratch *ss, pid_t tid, const struct user_regs_struct *regs)
{
        ss->tid = tid;
        ss->top = (regs->rsp - RED_ZONE - SCRATCH_GAP) & ~(uint64_t)15;
}

uint64_t stack_scratch_push(struct stack_scratch *ss, const void *buf, size_t len)
{
        uint64_t at = (ss->top - len) & ~(uint64_t)15;

        if (tracee_write(ss->tid, at, buf, len) < 0)
                return 0;
        ss->top = at;
        return at;
}
