/* The in-process vsyscall page: a SIGSEGV handler whose faults at an entry of the legacy page
 * (0xffffffffff600000 gettimeofday, +0x400 time, +0x800 getcpu) are answered as the kernel's
 * emulation answers them (the same code as the supervisor's: src/supervise/vsyscall-entry.c),
 * and whose other faults go to the program's own SIGSEGV action. For hosts booted with
 * vsyscall=none where uspawn cannot ptrace the container (see preload/README). */
#include "vsyscall.h"

#include "supervise/vsyscall-entry.h"

#define ALTSTACK_SIZE (64 * 1024)
#define PAGE_ 4096UL

extern char **environ;

HIDDEN struct usigaction vsys_program_action;

static unsigned long test_page; /* USPAWN_VSYSCALL_TEST_PAGE: a page to answer besides the real one */
static int debug_fd = -1;       /* USPAWN_VSYSCALL_DEBUG_FD: one line per emulated call */
static int initialized;

/* the restorer: rt_sigreturn */
__asm__(".text\n.align 16\n.globl vsys_restore_rt\n.hidden vsys_restore_rt\n.type vsys_restore_rt,@function\nvsys_restore_rt:\n"
        "  mov $15,%rax\n  syscall\n  hlt\n.size vsys_restore_rt,.-vsys_restore_rt\n");

long vsys_kernel_sigaction(int sig, void *handler, unsigned long flags, unsigned long mask)
{
        struct ksigaction ka = {.handler = handler, .flags = flags | SA_RESTORER, .restorer = vsys_restore_rt,
                                .mask = mask};

        return sc4(__NR_rt_sigaction, sig, &ka, 0, 8);
}

/* ---- the program's memory, as the kernel's uaccess sees it ---------------------------------
 * process_vm_readv/writev on ourselves honour page protections and answer -EFAULT instead of
 * faulting; where they are refused (seccomp, kernels before 3.2), a pipe does the same: write()
 * from a bad address and read() into one fail with EFAULT. */
struct iov {
        const void *base;
        unsigned long len;
};

static int through_pipe(void *dst, const void *src, unsigned long len)
{
        int fds[2];
        long r;

        if (sc2(__NR_pipe2, fds, O_CLOEXEC) < 0)
                return -EFAULT; /* no fd left: refuse rather than fault inside the handler */
        r = sc3(__NR_write, fds[1], src, len);
        if (r == (long)len)
                r = sc3(__NR_read, fds[0], dst, len);
        sc1(__NR_close, fds[0]);
        sc1(__NR_close, fds[1]);
        return r == (long)len ? 0 : r < 0 ? (int)r : -EFAULT;
}

static int copy_vm(int nr, void *local, unsigned long remote, unsigned long len)
{
        struct iov l = {local, len}, rem = {(const void *)remote, len};
        long r = sc6(nr, sc1(__NR_getpid, 0), (long)&l, 1, (long)&rem, 1, 0);

        if (r == (long)len)
                return 0;
        if (r >= 0 || r == -EFAULT)
                return -EFAULT;
        return nr == __NR_process_vm_readv ? through_pipe(local, (const void *)remote, len)
                                           : through_pipe((void *)remote, local, len);
}

static int mem_read(void *userdata, unsigned long addr, void *buf, size_t len)
{
        return copy_vm(__NR_process_vm_readv, buf, addr, len);
}

static int mem_write(void *userdata, unsigned long addr, const void *buf, size_t len)
{
        return copy_vm(__NR_process_vm_writev, (void *)buf, addr, len);
}

static int clock_now(void *userdata, long *ret_sec, long *ret_usec, int *ret_west, int *ret_dst)
{
        struct ktv tv;
        int tz[2];
        long r = sc2(__NR_gettimeofday, &tv, tz);

        if (r < 0)
                return (int)r;
        *ret_sec = tv.tv_sec, *ret_usec = tv.tv_usec, *ret_west = tz[0], *ret_dst = tz[1];
        return 0;
}

static int cpu_now(void *userdata, unsigned *ret_cpu, unsigned *ret_node)
{
        long r = sc3(__NR_getcpu, ret_cpu, ret_node, 0);

        return r < 0 ? (int)r : 0;
}

static const struct vsyscall_ops ops = {mem_read, mem_write, clock_now, cpu_now, 0};

static void debug(const char *what, const char *name)
{
        char line[96], *p = line;

        if (debug_fd < 0)
                return;
        p = cow_stpcpy(p, "uspawn-vsyscall[");
        p = cow_utoa(p, (unsigned long)sc1(__NR_getpid, 0));
        p = cow_stpcpy(p, "]: ");
        p = cow_stpcpy(p, what);
        p = cow_stpcpy(p, name);
        p = cow_stpcpy(p, "()\n");
        sc3(__NR_write, debug_fd, line, p - line);
}

/* ---- the handler -------------------------------------------------------------------------- */

/* A fault that is not an emulated call: what the program's action would have made of it. */
static void chain(int sig, siginfo_t *si, struct kucontext *uc)
{
        struct usigaction a = vsys_program_action;
        unsigned long mask;

        if (a.handler == SIG_DFL_ || a.handler == SIG_IGN_) {
                if (a.handler == SIG_IGN_ && si->si_code <= 0)
                        return; /* sent by kill() and ignored: nothing happens */
                /* A fault re-executes on return and kills with SIGSEGV (and a core) as it would
                 * have without us; the kernel kills for a fault even when it is ignored. A
                 * SIGSEGV sent by kill() is sent again, to arrive once this handler returns. */
                vsys_kernel_sigaction(SIGSEGV, SIG_DFL_, 0, 0);
                if (si->si_code <= 0)
                        sc3(__NR_tgkill, sc1(__NR_getpid, 0), sc1(__NR_gettid, 0), SIGSEGV);
                return;
        }
        if (a.flags & SA_RESETHAND)
                vsys_program_action = (struct usigaction){.handler = SIG_DFL_};
        /* the mask the program's handler would have run with; ours leaves SIGSEGV unblocked */
        mask = uc->sigmask | a.mask[0];
        if (!(a.flags & SA_NODEFER))
                mask |= 1UL << (SIGSEGV - 1);
        sc4(__NR_rt_sigprocmask, SIG_SETMASK, &mask, 0, 8);
        /* SA_SIGINFO or plain: on x86_64 the kernel passes a plain handler the same three
         * registers, which it ignores */
        ((void (*)(int, siginfo_t *, void *))a.handler)(sig, si, uc);
}

static const struct vsyscall_entry *entry_at(unsigned long ip)
{
        const struct vsyscall_entry *e = vsyscall_decode(VSYSCALL_PAGE, ip);

        if (!e && test_page)
                e = vsyscall_decode(test_page, ip);
        return e;
}

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
        struct kucontext *uc = ucv;
        struct sigcontext *m = &uc->mc;
        const struct vsyscall_entry *e = si->si_code > 0 ? entry_at(m->rip) : 0;
        struct user_regs_struct regs = {0};
        struct vsyscall_outcome o;

        if (!e) {
                chain(sig, si, uc);
                return;
        }
        regs.rip = m->rip, regs.rsp = m->rsp, regs.rax = m->rax;
        regs.rdi = m->rdi, regs.rsi = m->rsi, regs.rdx = m->rdx;
        if (vsyscall_emulate(e, &regs, &ops, &o) < 0) /* a clock refused: as a fault at the entry */
                o = (struct vsyscall_outcome){.action = VSYSCALL_SEGV, .fault_code = SI_KERNEL};
        if (o.action == VSYSCALL_RETURN) {
                m->rip = regs.rip, m->rsp = regs.rsp, m->rax = regs.rax;
                debug("emulated ", e->name);
                return;
        }
        /* what the kernel's emulation delivers for a bad pointer or stack, at the entry */
        debug("SIGSEGV for ", e->name);
        si->si_code = o.fault_code;
        si->si_addr = (void *)o.fault_addr;
        chain(sig, si, uc);
}

/* ---- setup -------------------------------------------------------------------------------- */

static const char *getenv_(const char *name)
{
        size_t n = cow_strlen(name);

        for (char **e = environ; e && *e; e++)
                if (!cow_strncmp(*e, name, n) && (*e)[n] == '=')
                        return *e + n + 1;
        return 0;
}

static unsigned long parse_ulong(const char *s)
{
        unsigned long v = 0, base = 10;

        if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
                base = 16, s += 2;
        for (; *s; s++) {
                unsigned d = *s >= '0' && *s <= '9' ? (unsigned)(*s - '0')
                           : *s >= 'a' && *s <= 'f' ? (unsigned)(*s - 'a' + 10)
                           : *s >= 'A' && *s <= 'F' ? (unsigned)(*s - 'A' + 10)
                                                    : 99;
                if (d >= base)
                        return 0;
                v = v * base + d;
        }
        return v;
}

/* The calling thread's alternate stack, when it has none: a fault on an exhausted stack is
 * still handled (and chained). Other threads keep their own; see preload/README. */
static void altstack(void)
{
        struct {
                void *sp;
                int flags;
                unsigned long size;
        } ss, old;
        long p;

        if (sc2(__NR_sigaltstack, 0, &old) < 0 || !(old.flags & SS_DISABLE_))
                return;
        p = sc6(__NR_mmap, 0, ALTSTACK_SIZE + PAGE_, 3 /* PROT_READ|PROT_WRITE */, 0x22 /* PRIVATE|ANON */, -1, 0);
        if (p < 0 && p > -4096)
                return;
        sc3(__NR_mprotect, p, PAGE_, 0); /* a guard below it */
        ss = (typeof(ss)){.sp = (void *)(p + PAGE_), .flags = 0, .size = ALTSTACK_SIZE};
        sc2(__NR_sigaltstack, &ss, 0);
}

void vsys_init(void)
{
        struct ksigaction old;
        const char *v;

        if (initialized)
                return;
        initialized = 1;
        if ((v = getenv_("USPAWN_VSYSCALL_TEST_PAGE")) && (test_page = parse_ulong(v)) % PAGE_)
                test_page = 0;
        if ((v = getenv_("USPAWN_VSYSCALL_DEBUG_FD")) && *v)
                debug_fd = (int)parse_ulong(v);
        /* an action inherited across exec (SIG_IGN) is the program's */
        if (sc4(__NR_rt_sigaction, SIGSEGV, 0, &old, 8) == 0 && old.handler != (void *)on_segv) {
                vsys_program_action.handler = old.handler;
                vsys_program_action.flags = (int)old.flags;
                vsys_program_action.mask[0] = old.mask;
        }
        altstack();
        vsys_kernel_sigaction(SIGSEGV, (void *)on_segv, SA_SIGINFO | SA_ONSTACK | SA_NODEFER | SA_RESTART, 0);
}

__attribute__((constructor)) static void vsys_constructor(void)
{
        vsys_init();
}
