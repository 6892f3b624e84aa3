/* The program's view of SIGSEGV: sigaction() and the signal() family record the program's action
 * for SIGSEGV (and hand back its previous one) while the kernel keeps ours, which chains real
 * faults to it; every other signal goes to libc's own function. Raw rt_sigaction system calls
 * (static programs, Go) are out of reach: they replace our handler, and the emulation with it. */
#include "vsyscall.h"

#define EXPORT __attribute__((visibility("default")))

extern int *__errno_location(void);

typedef void *(*signal_fn)(int, void *);
typedef int (*sigaction_fn)(int, const struct usigaction *, struct usigaction *);

static long set_errno(long r)
{
        if (r >= 0)
                return r;
        *__errno_location() = (int)-r;
        return -1;
}

/* Without libc's (no dl_iterate_phdr): the system call, with our restorer */
static int raw_sigaction(int sig, const struct usigaction *act, struct usigaction *old)
{
        struct ksigaction k, o;
        long r;

        if (act)
                k = (struct ksigaction){.handler = act->handler, .flags = (unsigned long)act->flags | SA_RESTORER,
                                        .restorer = vsys_restore_rt, .mask = act->mask[0]};
        r = sc4(__NR_rt_sigaction, sig, act ? &k : 0, old ? &o : 0, 8);
        if (r < 0)
                return (int)set_errno(r);
        if (old)
                *old = (struct usigaction){.handler = o.handler, .flags = (int)o.flags, .mask = {o.mask}};
        return 0;
}

static int next_sigaction(int sig, const struct usigaction *act, struct usigaction *old)
{
        static sigaction_fn next;

        if (!next)
                next = (sigaction_fn)cow_next("sigaction");
        return next ? next(sig, act, old) : raw_sigaction(sig, act, old);
}

static int segv_action(const struct usigaction *act, struct usigaction *old)
{
        vsys_init();
        if (old)
                *old = vsys_program_action;
        if (act) {
                vsys_program_action = *act;
                vsys_program_action.mask[0] &= ~((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)));
        }
        return 0;
}

EXPORT int sigaction(int sig, const struct usigaction *act, struct usigaction *old)
{
        return sig == SIGSEGV ? segv_action(act, old) : next_sigaction(sig, act, old);
}

EXPORT int __sigaction(int sig, const struct usigaction *act, struct usigaction *old)
{
        return sigaction(sig, act, old);
}

/* signal() and friends for SIGSEGV, with the flags glibc gives each: BSD semantics (restart,
 * the signal blocked in its handler) or System V's (one shot, not blocked). */
static void *segv_signal(void *handler, int flags, int block_self)
{
        struct usigaction act = {.handler = handler, .flags = flags}, old;

        if (block_self)
                act.mask[0] = 1UL << (SIGSEGV - 1);
        segv_action(&act, &old);
        return old.handler;
}

static void *other_signal(const char *name, int sig, void *handler, int flags, int block_self)
{
        signal_fn next = (signal_fn)cow_next(name);
        struct usigaction act = {.handler = handler, .flags = flags}, old;

        if (next)
                return next(sig, handler);
        if (block_self && sig > 0 && sig <= 64)
                act.mask[(sig - 1) / 64] = 1UL << ((sig - 1) % 64);
        return next_sigaction(sig, &act, &old) < 0 ? SIG_ERR_ : old.handler;
}

#define BSD_FLAGS SA_RESTART
#define SYSV_FLAGS (SA_RESETHAND | SA_NODEFER)

EXPORT void *signal(int sig, void *handler)
{
        return sig == SIGSEGV ? segv_signal(handler, BSD_FLAGS, 1) : other_signal("signal", sig, handler, BSD_FLAGS, 1);
}

EXPORT void *bsd_signal(int sig, void *handler)
{
        return sig == SIGSEGV ? segv_signal(handler, BSD_FLAGS, 1)
                              : other_signal("bsd_signal", sig, handler, BSD_FLAGS, 1);
}

EXPORT void *ssignal(int sig, void *handler)
{
        return sig == SIGSEGV ? segv_signal(handler, BSD_FLAGS, 1) : other_signal("ssignal", sig, handler, BSD_FLAGS, 1);
}

EXPORT void *sysv_signal(int sig, void *handler)
{
        return sig == SIGSEGV ? segv_signal(handler, SYSV_FLAGS, 0)
                              : other_signal("sysv_signal", sig, handler, SYSV_FLAGS, 0);
}

EXPORT void *__sysv_signal(int sig, void *handler)
{
        return sig == SIGSEGV ? segv_signal(handler, SYSV_FLAGS, 0)
                              : other_signal("__sysv_signal", sig, handler, SYSV_FLAGS, 0);
}
