/* The vsyscall engine: the supervisor follows every process of the container with ptrace (seized
 * with TRACECLONE/FORK/VFORK/EXEC and EXITKILL, never a syscall stop) and answers a SIGSEGV whose
 * instruction pointer is a vsyscall entry as the kernel's emulation would. Off, nothing is traced. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "supervise/vsyscall-emulate.h"
#include "supervise/vsyscall-patch.h"

struct vsyscall_tracer {
        bool active;      /* the container is traced */
        bool required;    /* --vsyscall=emulate: failing to trace is an error */
        pid_t pid1;       /* the container's PID 1, our child */
        bool pid1_exited; /* reaped here; pid1_status holds its status */
        int pid1_status;
        unsigned long page;              /* the page whose entries are emulated */
        unsigned long emulated;          /* calls answered */
        unsigned long faults;            /* SIGSEGVs delivered for a bad pointer or stack */
        int wait_flags;                  /* __WCLONE where the kernel waits for tracees whatever their kind */
        struct vsyscall_patcher patcher; /* call sites redirected to the vDSO after their first trap */
};

/* Decide whether to emulate: auto reads the host's mode (once, from /proc/self/maps). For tests
 * on hosts whose kernel handles the page itself, $USPAWN_VSYSCALL_TEST_PAGE=ADDR makes the engine
 * answer at a page-aligned address of the guest's choosing instead of the real page. */
void vsyscall_tracer_init(struct vsyscall_tracer *t, enum vsyscall_choice c);

/* PTRACE_SEIZE the freshly cloned container. When that is refused, --vsyscall=emulate fails
 * (-errno, reported); auto warns and runs untraced. */
int vsyscall_tracer_attach(struct vsyscall_tracer *t, pid_t pid1);

/* Serve every tracee with a pending stop or exit. Only tracees are reaped (waitpid(-1, __WCLONE):
 * the kernel waits for a tracee whatever its kind, and the supervisor's other children, like the
 * network helper, are forked ones), except on kernels older than Linux 4.7, where __WALL is
 * needed and reaps them too. Returns 1 and *ret_status once PID 1 has exited, else 0. */
int vsyscall_tracer_dispatch(struct vsyscall_tracer *t, int *ret_status);

/* Wait until fd is readable (or hung up) while serving the tracees, so that a container stopped
 * in a ptrace stop during its setup cannot deadlock the supervisor. SIGCHLD must be blocked. */
int vsyscall_tracer_wait_fd(struct vsyscall_tracer *t, int fd);
