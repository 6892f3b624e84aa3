/* The legacy vsyscall page's entries and what calling one does, as the kernel's emulation
 * (arch/x86/entry/vsyscall/vsyscall_64.c) defines it. Pure and libc-free at link time: the
 * supervisor's ptrace engine and the in-process shim (preload/vsyscall-shim.c, built freestanding)
 * both compile this file and differ only in the memory and clock functions they pass. */
#pragma once

#include <stddef.h>
#include <sys/user.h>

/* Where the kernel maps the page on x86_64 (VSYSCALL_ADDR). */
#define VSYSCALL_PAGE 0xffffffffff600000UL
#define VSYSCALL_PAGE_SIZE 0x1000UL

enum vsyscall_call { VSYSCALL_GETTIMEOFDAY, VSYSCALL_TIME, VSYSCALL_GETCPU };

struct vsyscall_entry {
        unsigned long offset; /* from the page's start */
        enum vsyscall_call call;
        const char *name;
};

/* The entry at exactly page + offset, or NULL: outside the page, or a misaligned jump into it
 * (which the kernel answers with SIGSEGV; so do we, by delivering the fault unchanged). */
const struct vsyscall_entry *vsyscall_decode(unsigned long page, unsigned long ip);

/* The tracee's memory and the clocks, as the caller provides them. Each returns 0 or -errno
 * (-EFAULT for an address the tracee could not use). */
struct vsyscall_ops {
        int (*read)(void *userdata, unsigned long addr, void *buf, size_t len);
        int (*write)(void *userdata, unsigned long addr, const void *buf, size_t len);
        /* the values for gettimeofday (tv, tz) and time */
        int (*clock)(void *userdata, long *ret_sec, long *ret_usec, int *ret_minuteswest, int *ret_dsttime);
        /* the CPU and NUMA node the tracee runs on */
        int (*cpu)(void *userdata, unsigned *ret_cpu, unsigned *ret_node);
        void *userdata;
};

enum vsyscall_action {
        VSYSCALL_RETURN, /* regs now hold the result and the emulated `ret`: resume without a signal */
        VSYSCALL_SEGV,   /* deliver SIGSEGV with fault_code and fault_addr below; regs unchanged */
};

struct vsyscall_outcome {
        enum vsyscall_action action;
        int fault_code;           /* SEGV_MAPERR for a kernel address, else SI_KERNEL */
        unsigned long fault_addr; /* with SEGV_MAPERR: that address */
        long result;              /* with VSYSCALL_RETURN: what rax now holds */
};

/* Emulate entry e for a tracee stopped with regs: the result written through ops (NULL pointers
 * write nothing), then the entry's `ret` (return address popped from rsp into rip, rax = result).
 * A return address that cannot be read, or an argument pointer that cannot be written, gives
 * VSYSCALL_SEGV as the kernel does, with regs left at the entry. Returns 0, or -errno when ops
 * failed other than by -EFAULT (the tracee vanished: nothing more to do). */
int vsyscall_emulate(const struct vsyscall_entry *e, struct user_regs_struct *regs, const struct vsyscall_ops *ops,
                     struct vsyscall_outcome *ret);

