/* The seccomp filter: allow by default, refuse the policy's denied set with EPERM (so programs
 * see "not permitted", as under nspawn, rather than dying), refuse TIOCSTI and TIOCLINUX
 * (CVE-2017-5226), and cover the i386 and x32 entry points too so they are no way around it. */
#include "userns/seccomp.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <string.h>
#include <sys/ioctl.h>
#include <talloc.h>

#include "fakeroot/notify.h"
#include "seccomp/policy.h"
#include "util/log.h"
#include "util/macro.h"
#include "util/talloc-util.h"
#include "util/strv.h"

static bool strv_contains(char *const *l, const char *s)
{
        for (; l && *l; l++)
                if (streq(*l, s))
                        return true;
        return false;
}

static void strv_remove(char **l, const char *s)
{
        char **w = l;

        for (; l && *l; l++)
                if (!streq(*l, s))
                        *w++ = *l;
        if (w)
                *w = NULL;
}

/* Add (deny) or remove (allow) an entry, expanding @groups recursively. */
static void apply_entry(void *ctx, char ***set, const char *entry, bool deny, int depth)
{
        const struct syscall_group *g;

        if (entry[0] != '@') {
                if (deny && !strv_contains(*set, entry))
                        strv_append(ctx, set, entry);
                else if (!deny)
                        strv_remove(*set, entry);
                return;
        }
        g = seccomp_group_find(entry);
        if (!g || depth > 4)
                return;
        for (const char *const *s = g->syscalls; *s; s++)
                apply_entry(ctx, set, *s, deny, depth + 1);
}

char **seccomp_denied_syscalls(void *ctx, char *const *user_filter)
{
        char **set = NULL;

        for (const char *const *s = seccomp_default_deny; *s; s++)
                strv_append(ctx, &set, *s);
        for (char *const *e = user_filter; e && *e; e++)
                apply_entry(ctx, &set, (*e)[0] == '~' ? *e + 1 : *e, (*e)[0] == '~', 0);
        return set;
}

static int add_arches(scmp_filter_ctx f)
{
        static const uint32_t arches[] = {SCMP_ARCH_X86, SCMP_ARCH_X32};

        if (seccomp_arch_native() != SCMP_ARCH_X86_64)
                return 0;
        for (size_t i = 0; i < ELEMENTSOF(arches); i++) {
                int r = seccomp_arch_add(f, arches[i]);
                if (r < 0 && r != -EEXIST)
                        return r;
        }
        return 0;
}

/* The policy's rules, for every architecture of f; the numbers it refuses go to *ret_denied
 * (on ctx) when asked. */
static int add_policy_rules(void *ctx, scmp_filter_ctx f, char *const *user_filter, int **ret_denied, size_t *ret_n)
{
        char **denied = seccomp_denied_syscalls(ctx, user_filter);
        size_t n = 0;
        int r = 0;

        for (char **s = denied; r >= 0 && s && *s; s++) {
                int nr = seccomp_syscall_resolve_name(*s);
                if (nr == __NR_SCMP_ERROR)
                        continue;
                if (ret_denied) {
                        int *more = talloc_realloc(ctx, *ret_denied, int, n + 1);
                        if (!more)
                                return -ENOMEM;
                        more[n++] = nr;
                        *ret_denied = more;
                }
                /* a call some ABI lacks is not an error: libseccomp skips it there */
                int k = seccomp_rule_add(f, SCMP_ACT_ERRNO(EPERM), nr, 0);
                if (k < 0 && k != -EDOM && k != -EEXIST)
                        r = k;
        }
        if (r >= 0 && !strv_contains(denied, "ioctl")) {
                static const unsigned long bad_ioctls[] = {TIOCSTI, TIOCLINUX};
                for (size_t i = 0; r >= 0 && i < ELEMENTSOF(bad_ioctls); i++)
                        r = seccomp_rule_add(f, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
                                             SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, bad_ioctls[i]));
        }
        if (ret_n)
                *ret_n = n;
        return r;
}

scmp_filter_ctx seccomp_filter_new(void)
{
        scmp_filter_ctx f = seccomp_init(SCMP_ACT_ALLOW);

        if (f)
                (void)seccomp_attr_set(f, SCMP_FLTATR_CTL_OPTIMIZE, 2); /* only faster: best effort */
        return f;
}

/* The policy for the 32-bit ABIs (i386, x32), to merge into a filter of the native one (merging
 * needs the same attributes on both). */
static scmp_filter_ctx compat_policy(void *ctx, char *const *user_filter)
{
        scmp_filter_ctx f = seccomp_filter_new();

        if (f && (add_arches(f) < 0 || seccomp_arch_remove(f, SCMP_ARCH_NATIVE) < 0 ||
                  add_policy_rules(ctx, f, user_filter, NULL, NULL) < 0)) {
                seccomp_release(f);
                return NULL;
        }
        return f;
}

/* With emulate_ids the root emulation's notifying rules join the policy, for the native ABI
 * only (32-bit programs' calls are not emulated): one filter to load and run, not two. */
static int build_filter(scmp_filter_ctx f, char *const *user_filter, bool emulate_ids)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        int *denied = NULL, r;
        size_t n = 0;

        if (!emulate_ids) {
                r = add_arches(f);
                return r < 0 ? r : add_policy_rules(ctx, f, user_filter, NULL, NULL);
        }
        if (seccomp_arch_native() != SCMP_ARCH_X86_64)
                return -EOPNOTSUPP;
        r = add_policy_rules(ctx, f, user_filter, &denied, &n);
        if (r >= 0)
                r = fakeroot_add_rules(f, denied, n);
        if (r >= 0) {
                scmp_filter_ctx compat = compat_policy(ctx, user_filter);
                r = compat ? seccomp_merge(f, compat) : -ENOMEM; /* consumes compat */
                if (r < 0 && compat)
                        seccomp_release(compat);
        }
        return r;
}

/* libseccomp 2.5 exports only to a file descriptor: go through a memfd. */
int seccomp_export_to_memory(scmp_filter_ctx f, void **ret_bpf, size_t *ret_len)
{
        _cleanup_close_ int fd = memfd_create("uspawn-seccomp", MFD_CLOEXEC);
        struct stat st;
        void *buf;
        int r;

        if (fd < 0)
                return -errno;
        r = seccomp_export_bpf(f, fd);
        if (r < 0)
                return r;
        if (fstat(fd, &st) < 0)
                return -errno;
        buf = malloc((size_t)st.st_size);
        if (!buf)
                return -ENOMEM;
        if (pread(fd, buf, (size_t)st.st_size, 0) != st.st_size) {
                free(buf);
                return -EIO;
        }
        *ret_bpf = buf;
        *ret_len = (size_t)st.st_size;
        return 0;
}

int seccomp_compile_policy(char *const *user_filter, bool emulate_ids, void **ret_bpf, size_t *ret_len)
{
        scmp_filter_ctx f = seccomp_filter_new();
        int r;

        if (!f)
                return -ENOMEM;
        r = build_filter(f, user_filter, emulate_ids);
        if (r >= 0)
                r = seccomp_export_to_memory(f, ret_bpf, ret_len);
        seccomp_release(f);
        return r;
}

int seccomp_install(const void *bpf, size_t len)
{
        struct sock_fprog prog = {.len = (unsigned short)(len / sizeof(struct sock_filter)),
                                  .filter = (struct sock_filter *)bpf};

        if (len == 0 || len % sizeof(struct sock_filter) || len / sizeof(struct sock_filter) > BPF_MAXINSNS)
                return -EINVAL;
        if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == 0)
                return 0;
        if (errno != ENOSYS)
                return -errno;
        /* the prctl spelling predates seccomp(2) (3.17) and is what valgrind understands */
        return RET_NERRNO(prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog));
}

int seccomp_policy_install(const void *bpf, size_t len)
{
        int r = seccomp_install(bpf, len);

        if (r == -EINVAL || r == -ENOSYS) /* what a kernel without seccomp filters answers */
                return log_error_errno(r, "Failed to load the seccomp filter: %m (a kernel without seccomp filters "
                                          "answers so; --backend=trace runs there, with plain ptrace)");
        if (r < 0)
                return log_error_errno(r, "Failed to load the seccomp filter: %m");
        return 0;
}
