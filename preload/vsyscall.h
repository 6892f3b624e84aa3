/* libuspawn-vsyscall.so's internal interface: the SIGSEGV handler that emulates the legacy
 * vsyscall page in-process (vsyscall-shim.c) and the program's own SIGSEGV action, which the
 * interposed sigaction/signal family (vsyscall-signal.c) records instead of installing. */
#pragma once

#include <asm/sigcontext.h>
#include <asm/siginfo.h>
#include <asm/signal.h>

#include "cow.h"

#define SIG_DFL_ ((void *)0)
#define SIG_IGN_ ((void *)1)
#define SIG_ERR_ ((void *)-1)
#define SS_DISABLE_ 2

/* The libc struct sigaction, identical in glibc and musl on x86_64. */
struct usigaction {
        void *handler;
        unsigned long mask[16];
        int flags;
        void (*restorer)(void);
};

/* The kernel's (rt_sigaction) */
struct ksigaction {
        void *handler;
        unsigned long flags;
        void (*restorer)(void);
        unsigned long mask;
};

/* The frame the kernel builds for an SA_SIGINFO handler (glibc's ucontext_t starts the same). */
struct kucontext {
        unsigned long flags;
        void *link;
        struct {
                void *sp;
                int flags;
                unsigned long size;
        } stack;
        struct sigcontext mc;
        unsigned long sigmask;
};

/* The program's SIGSEGV action as it believes it installed it (SIG_DFL at first, or what was
 * inherited across exec); the kernel's stays ours. */
HIDDEN extern struct usigaction vsys_program_action;
/* Install our handler (and the alternate stack, the page address) once; idempotent. */
HIDDEN void vsys_init(void);
/* rt_sigreturn, the restorer of the handlers we install ourselves */
HIDDEN void vsys_restore_rt(void);
/* rt_sigaction with our restorer: for our own handler, and for SIG_DFL before a fatal fault */
HIDDEN long vsys_kernel_sigaction(int sig, void *handler, unsigned long flags, unsigned long mask);
