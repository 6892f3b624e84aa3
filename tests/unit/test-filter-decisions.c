/* The embedded seccomp filters, run: a classic BPF interpreter (what the kernel does with a
 * filter, minus the JIT) answers calls of every ABI, and the answers must be the policy's. Every
 * denied call is refused with EPERM on each ABI that has it, TIOCSTI too; other calls pass; under
 * the root emulation the x86-64 calls it answers stop (a plain open, chown, setuid, an unmarked
 * statx) while the fast path's marked statx passes and its probe gets its errno; 32-bit ABIs are
 * never stopped; an unknown ABI is killed. This holds whatever layout libseccomp chose (a list,
 * a tree), which the byte-for-byte comparison in test-policy cannot tell. (0xdead: the filter
 * used an instruction the interpreter lacks, bpf-run.h.) */
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <talloc.h>

#include "fakeroot/fastpath.h"
#include "userns/seccomp.h"
#include "bpf-run.h"
#include "unit.h"

#define X32_BIT 0x40000000u

static const struct {
        uint32_t scmp, audit;
} abis[] = {{SCMP_ARCH_X86_64, AUDIT_ARCH_X86_64}, {SCMP_ARCH_X86, AUDIT_ARCH_I386}, {SCMP_ARCH_X32, AUDIT_ARCH_X86_64}};

static struct seccomp_data make(unsigned abi, const char *name)
{
        struct seccomp_data c = {.arch = abis[abi].audit, .nr = seccomp_syscall_resolve_name_arch(abis[abi].scmp, name)};

        if (c.nr >= 0 && abis[abi].scmp == SCMP_ARCH_X32)
                c.nr |= (int)X32_BIT;
        return c;
}

static uint32_t answer(const void *bpf, size_t len, unsigned abi, const char *name, uint64_t a0, uint64_t a1,
                       uint64_t a2, uint64_t a3)
{
        struct seccomp_data c = make(abi, name);

        c.args[0] = a0, c.args[1] = a1, c.args[2] = a2, c.args[3] = a3;
        return bpf_run(bpf, len / sizeof(struct sock_filter), &c);
}

#define ERRNO(e) (SECCOMP_RET_ERRNO | (e))

/* Every denied call that exists on an ABI is refused there with EPERM. */
static bool policy_holds(const void *bpf, size_t len, char **denied)
{
        for (unsigned abi = 0; abi < sizeof abis / sizeof abis[0]; abi++)
                for (char **s = denied; *s; s++)
                        if (make(abi, *s).nr >= 0 && answer(bpf, len, abi, *s, 0, 0, 0, 0) != ERRNO(EPERM))
                                return false;
        return true;
}

int main(void)
{
        void *ctx = talloc_new(NULL);
        char **denied = seccomp_denied_syscalls(ctx, NULL);
        const void *f, *e;
        size_t fn, en;

        seccomp_default_filter(false, &f, &fn);
        seccomp_default_filter(true, &e, &en);

        check(policy_holds(f, fn, denied), "the default filter refuses every denied call on every ABI");
        check(policy_holds(e, en, denied), "the emulating filter refuses every denied call on every ABI");
        for (unsigned abi = 0; abi < 3; abi++) {
                check(answer(f, fn, abi, "getpid", 0, 0, 0, 0) == SECCOMP_RET_ALLOW &&
                              answer(f, fn, abi, "mount", 0, 0, 0, 0) == SECCOMP_RET_ALLOW &&
                              answer(f, fn, abi, "chown", 0, 0, 0, 0) == SECCOMP_RET_ALLOW,
                      "the default filter lets other calls pass");
                check(answer(f, fn, abi, "ioctl", 0, TIOCSTI, 0, 0) == ERRNO(EPERM) &&
                              answer(e, en, abi, "ioctl", 0, TIOCLINUX, 0, 0) == ERRNO(EPERM) &&
                              answer(f, fn, abi, "ioctl", 0, TCGETS, 0, 0) == SECCOMP_RET_ALLOW,
                      "TIOCSTI and TIOCLINUX are refused, other ioctls pass");
        }
        check(answer(e, en, 0, "chown", 0, 0, 0, 0) == SECCOMP_RET_USER_NOTIF &&
                      answer(e, en, 0, "setuid", 0, 0, 0, 0) == SECCOMP_RET_USER_NOTIF &&
                      answer(e, en, 0, "getuid", 0, 0, 0, 0) == SECCOMP_RET_USER_NOTIF &&
                      answer(e, en, 0, "execve", 0, 0, 0, 0) == SECCOMP_RET_USER_NOTIF,
              "x86-64 chown, setuid, getuid and execve stop in the emulation");
        check(answer(e, en, 0, "openat", 0, 0, O_RDONLY | O_CLOEXEC, 0) == SECCOMP_RET_USER_NOTIF &&
                      answer(e, en, 0, "openat", 0, 0, O_WRONLY | O_CREAT, 0) == SECCOMP_RET_USER_NOTIF &&
                      answer(e, en, 0, "openat", 0, 0, O_RDONLY | O_DIRECTORY, 0) == SECCOMP_RET_ALLOW &&
                      answer(e, en, 0, "openat", 0, 0, O_WRONLY | O_APPEND, 0) == SECCOMP_RET_ALLOW,
              "opens stop when plain or creating, pass otherwise");
        check(answer(e, en, 0, "statx", 0, 0, 0, 0x7ff) == SECCOMP_RET_USER_NOTIF &&
                      answer(e, en, 0, "statx", 0, 0, 0, 0x7ff | FASTPATH_MARKER) == SECCOMP_RET_ALLOW &&
                      answer(e, en, 0, "statx", 0, 0, 0, FASTPATH_PROBE_MASK) == ERRNO(FASTPATH_PROBE_ERRNO),
              "statx: unmarked stops, marked passes, the probe gets its errno");
        check(answer(e, en, 1, "chown", 0, 0, 0, 0) == SECCOMP_RET_ALLOW &&
                      answer(e, en, 2, "setuid", 0, 0, 0, 0) == SECCOMP_RET_ALLOW &&
                      answer(e, en, 1, "openat", 0, 0, O_RDONLY, 0) == SECCOMP_RET_ALLOW,
              "i386 and x32 calls are not stopped");
        check(answer(f, fn, 0, "mount", 0, 0, 0, 0) == SECCOMP_RET_ALLOW &&
                      answer(e, en, 0, "getpid", 0, 0, 0, 0) == SECCOMP_RET_ALLOW,
              "the emulating filter lets other x86-64 calls pass");
        struct seccomp_data alien = {.arch = 0x12345678, .nr = 1};
        uint32_t fa = bpf_run(f, fn / sizeof(struct sock_filter), &alien),
                 ea = bpf_run(e, en / sizeof(struct sock_filter), &alien);
        check((fa == SECCOMP_RET_KILL_PROCESS || fa == SECCOMP_RET_KILL_THREAD) &&
                      (ea == SECCOMP_RET_KILL_PROCESS || ea == SECCOMP_RET_KILL_THREAD),
              "an unknown ABI is killed");
        talloc_free(ctx);
        return unit_exit();
}
