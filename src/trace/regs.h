/* x86_64 system call registers as a table: the six arguments in ABI order. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

static const size_t syscall_arg_offset[6] = {
        offsetof(struct user_regs_struct, rdi), offsetof(struct user_regs_struct, rsi),
        offsetof(struct user_regs_struct, rdx), offsetof(struct user_regs_struct, r10),
        offsetof(struct user_regs_struct, r8),  offsetof(struct user_regs_struct, r9),
};

static inline uint64_t *syscall_arg(struct user_regs_struct *regs, int i)
{
        return (uint64_t *)((char *)regs + syscall_arg_offset[i]);
}
