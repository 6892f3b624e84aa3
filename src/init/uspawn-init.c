/* uspawn-init: the stub init that is PID 1 when the command runs as PID 2 (the default).
 * Freestanding (raw system calls, no libc) so that it is a few kilobytes: uspawn embeds it and
 * executes it from a sealed memfd, which gives PID 1 the container's own environment in
 * /proc/1/environ (what systemd-detect-virt reads) and makes /proc/1/exe an anonymous copy
 * rather than the host's uspawn binary (no CVE-2019-5736-style overwrite).
 *
 * argv: uspawn-init PID FD. It runs while PID (PID 2) still builds the container, and first does
 * its part of the hand-shake on FD (init/handshake.h): it loads the seccomp policy PID sends,
 * gives up every capability but CAP_KILL, and answers; PID executes the command only then. It
 * then reaps every orphan (or zombies pile up in the namespace), passes every signal a process
 * may receive asynchronously on to PID, and exits with PID's status, 128+N when signal N killed
 * it.
 *
 * Signals stay blocked from before the exec (uspawn blocked them before forking PID), so none
 * is lost in between, and it needs no handlers: the kernel drops a signal to a namespace's
 * PID 1 whose action is the default only when it is not blocked (sig_ignored() looks at the
 * blocked and, during sigtimedwait, the real_blocked mask first), so a blocked one always
 * waits for sigtimedwait. */
#include <asm/signal.h>
#include <asm/unistd.h>
#include <linux/wait.h>

#include "init/forward.h"
#include "init/handshake.h"

#ifndef __x86_64__
#error "uspawn-init's system call stubs are written for x86_64"
#endif

typedef unsigned long ulong;

static long sys(long nr, long a, long b, long c, long d)
{
        long ret;
        register long r10 __asm__("r10") = d;

        __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
        return ret;
}

#define SIGSET_WORDS 1 /* the kernel's sigset_t for rt_* calls: 64 signals, one word */
#define SIGRTMIN_K 32
#define SIGRTMAX_K 64

struct k_siginfo {
        int signo, errno_, code, pad;
        char rest[112];
};

static __attribute__((noreturn)) void exit_with(int code)
{
        for (;;)
                sys(__NR_exit_group, code, 0, 0, 0);
}

static long parse_pid(const char *s)
{
        long v = 0;

        if (!s || !*s)
                return -1;
        for (; *s; s++) {
                if (*s < '0' || *s > '9')
                        return -1;
                v = v * 10 + (*s - '0');
        }
        return v;
}

/* The kernel's struct sock_fprog and capability structures (linux/filter.h and
 * linux/capability.h drag in more than a freestanding build wants). */
struct k_fprog {
        unsigned short len;
        void *filter;
};
struct k_cap_header {
        unsigned version;
        int pid;
};
struct k_cap_data {
        unsigned effective, permitted, inheritable;
};

/* Load the policy PID 2 sends, keep only CAP_KILL, and answer. Without the answer PID 2 does
 * not go on: it says why (its own load fails the same way, or it reports ours) and exits, and
 * we pass its status on. An end of file: PID 2 failed before. */
static void handshake(long fd)
{
        static long program[PID1_POLICY_MAX / sizeof(long) + 1];
        struct k_cap_header header = {0x20080522 /* _LINUX_CAPABILITY_VERSION_3 */, 0};
        struct k_cap_data caps[2] = {{1u << PID1_KEPT_CAPABILITY, 1u << PID1_KEPT_CAPABILITY, 0}, {0, 0, 0}};
        char ready = PID1_READY;
        long n;

        do
                n = sys(__NR_read, fd, (long)program, sizeof program, 0);
        while (n == -4 /* EINTR */);
        if (n <= 0 || n % 8 || n > PID1_POLICY_MAX)
                return;
        struct k_fprog prog = {(unsigned short)(n / 8), program};
        if (sys(__NR_seccomp, 1 /* SECCOMP_SET_MODE_FILTER */, 0, (long)&prog, 0) < 0 &&
            sys(__NR_prctl, 22 /* PR_SET_SECCOMP */, 2 /* SECCOMP_MODE_FILTER */, (long)&prog, 0) < 0)
                return; /* before 3.17 (and under valgrind) only the prctl spelling exists */
        if (sys(__NR_capset, (long)&header, (long)caps, 0, 0) < 0)
                return;
        sys(__NR_write, fd, (long)&ready, 1, 0);
}

static int status_to_code(int status)
{
        int sig = status & 0x7f;

        return sig ? 128 + sig : (status >> 8) & 0xff;
}

static __attribute__((noreturn, used)) void init_main(long *sp)
{
        long argc = sp[0];
        char **argv = (char **)(sp + 1);
        long command = argc >= 2 ? parse_pid(argv[1]) : -1;
        long fd = argc >= 3 ? parse_pid(argv[2]) : -1;
        ulong wait_set = 0;

        if (command <= 0 || fd < 0)
                exit_with(1);
        /* comm would be "memfd:uspawn-in"; ps and /proc/1/comm should say what this is */
        sys(__NR_prctl, 15 /* PR_SET_NAME */, (long)"uspawn-init", 0, 0);
        for (int sig = 1; sig <= SIGRTMAX_K; sig++) {
                if (!signal_is_forwarded(sig) || (sig >= 32 && sig < SIGRTMIN_K))
                        continue;
                wait_set |= 1UL << (sig - 1);
        }
        wait_set |= 1UL << (SIGCHLD - 1);
        sys(__NR_rt_sigprocmask, SIG_BLOCK, (long)&wait_set, 0, sizeof(ulong) * SIGSET_WORDS);
        handshake(fd);
        sys(__NR_close, fd, 0, 0, 0);

        for (;;) {
                struct k_siginfo si;
                long sig = sys(__NR_rt_sigtimedwait, (long)&wait_set, (long)&si, 0, sizeof(ulong) * SIGSET_WORDS);
                int status;
                long pid;

                if (sig < 0)
                        continue;
                if (sig != SIGCHLD) {
                        sys(__NR_kill, command, sig, 0, 0);
                        continue;
                }
                while ((pid = sys(__NR_wait4, -1, (long)&status, WNOHANG | __WALL, 0)) > 0)
                        if (pid == command)
                                exit_with(status_to_code(status)); /* the kernel ends the rest */
        }
}

__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "  xor %rbp, %rbp\n"
        "  mov %rsp, %rdi\n"
        "  and $-16, %rsp\n"
        "  call init_main\n"
        "  hlt\n");
