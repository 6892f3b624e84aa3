/* Raw Linux system calls and the kernel's own types for the freestanding shim: no libc header is
 * included anywhere in preload/, so nothing here can pull in a libc symbol or symbol version.
 * Every wrapper returns the kernel's answer unchanged: >= 0, or -errno. x86_64 only for now. */
#pragma once

#include <asm/stat.h>
#include <asm/unistd.h>
#include <linux/fcntl.h>
#include <stddef.h>
#include <stdint.h>

#if !defined(__x86_64__)
#error "libuspawn-cow.so: only the x86_64 system call convention is written so far"
#endif

#define HIDDEN __attribute__((visibility("hidden")))

static inline long sc6(long n, long a, long b, long c, long d, long e, long f)
{
        register long r10 __asm__("r10") = d;
        register long r8 __asm__("r8") = e;
        register long r9 __asm__("r9") = f;
        long ret;

        __asm__ volatile("syscall"
                         : "=a"(ret)
                         : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                         : "rcx", "r11", "memory");
        return ret;
}
#define sc(n, a, b, c, d, e, f) sc6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
#define sc1(n, a) sc(n, a, 0, 0, 0, 0, 0)
#define sc2(n, a, b) sc(n, a, b, 0, 0, 0, 0)
#define sc3(n, a, b, c) sc(n, a, b, c, 0, 0, 0)
#define sc4(n, a, b, c, d) sc(n, a, b, c, d, 0, 0)
#define sc5(n, a, b, c, d, e) sc(n, a, b, c, d, e, 0)

/* The kernel's struct stat (asm/stat.h), struct timespec and struct timeval on x86_64. */
typedef struct stat kstat_t;
struct kts {
        long tv_sec, tv_nsec;
};
struct ktv {
        long tv_sec, tv_usec;
};

#ifndef O_PATH
#define O_PATH 010000000
#endif
#ifndef __O_TMPFILE
#define __O_TMPFILE 020000000
#endif
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif
#define S_IFMT_ 0170000
#define S_IFREG_ 0100000
#define S_IFLNK_ 0120000
#define IS_REG(m) (((m)&S_IFMT_) == S_IFREG_)
#define IS_LNK(m) (((m)&S_IFMT_) == S_IFLNK_)
#define SEEK_SET_ 0
#define SEEK_CUR_ 1
#define SEEK_DATA_ 3
#define SEEK_HOLE_ 4
#define LOCK_EX_ 2
#define PATH_MAX_ 4096
#define UTIME_OMIT_ ((1l << 30) - 2l)

/* EPERM etc. without <errno.h> (a libc header) */
#include <asm-generic/errno.h>
