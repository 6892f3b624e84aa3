/* The tracee's registers, strings and scratch space; its memory through util/tracee-mem.c (the
 * debugger's access, tracee_peek/poke, where the scratch space needs it). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <talloc.h>
#include <unistd.h>

#include "trace/trace.h"
#include "util/macro.h"

#define RED_ZONE 128 /* x86_64 ABI: below the stack pointer, the leaf function's own */
#define SCRATCH_GAP 256

int tracee_strdup(void *ctx, pid_t tid, uint64_t addr, size_t max, char **ret)
{
        char buf[PATH_MAX];
        int r = tracee_read_string(tid, addr, buf, max < sizeof buf ? max + 1 : sizeof buf);

        if (r < 0)
                return r == -ENAMETOOLONG ? r : -EFAULT;
        *ret = talloc_strdup(ctx, buf);
        return *ret ? 0 : -ENOMEM;
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

        if (tracee_poke(ss->tid, at, buf, len) < 0)
                return 0;
        ss->top = at;
        return at;
}
