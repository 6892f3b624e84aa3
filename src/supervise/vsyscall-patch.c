/* Call-site patching under ptrace: find the site behind a trap, the tracee's vDSO (auxv and its
 * ELF image), a trampoline below 2 GiB when the site's immediate is 32 bits (mapped by making the
 * tracee call mmap), stop the thread group, write the new immediate through /proc/PID/mem and
 * check it. vsyscall-site.c knows the bytes; this file only moves them. */
#include "supervise/vsyscall-patch.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "supervise/vsyscall-inject.h"
#include "supervise/vsyscall-site.h"
#include "util/fs.h"
#include "util/log.h"

#define VDSO_MAX (64 * 1024UL)
#define STOP_WAIT_MS 500 /* for the other threads to stop; beyond that, keep trapping */

void vsyscall_patcher_init(struct vsyscall_patcher *p, unsigned long page)
{
        const char *e = getenv("USPAWN_VSYSCALL_PATCH");

        *p = (struct vsyscall_patcher){.enabled = !(e && streq(e, "0")), .page = page};
}

void vsyscall_patcher_forget(struct vsyscall_patcher *p, pid_t tid)
{
        unsigned n = 0;

        for (unsigned i = 0; i < p->n_refused; i++)
                if (p->refused[i].tid != tid)
                        p->refused[n++] = p->refused[i];
        p->n_refused = n;
}

static bool was_refused(const struct vsyscall_patcher *p, pid_t tid, unsigned long site)
{
        for (unsigned i = 0; i < p->n_refused; i++)
                if (p->refused[i].tid == tid && p->refused[i].site == site)
                        return true;
        return false;
}

static void refuse(struct vsyscall_patcher *p, pid_t tid, unsigned long site)
{
        if (p->n_refused == VSYSCALL_REFUSED_MAX) /* forget the oldest: at worst it is tried again */
                memmove(p->refused, p->refused + 1, sizeof p->refused[0] * --p->n_refused);
        p->refused[p->n_refused].tid = tid;
        p->refused[p->n_refused++].site = site;
}

/* ---- the tracee's memory and /proc files -------------------------------------------------- */

static int peek(pid_t tid, unsigned long addr, void *buf, size_t len)
{
        struct iovec local = {.iov_base = buf, .iov_len = len}, remote = {.iov_base = (void *)addr, .iov_len = len};

        return process_vm_readv(tid, &local, 1, &remote, 1, 0) == (ssize_t)len ? 0 : -EFAULT;
}

/* Through /proc/PID/mem, which writes read-only private mappings as a debugger's breakpoints do:
 * the page becomes the process's own copy, the file under it is never touched. */
static int mem_rw(pid_t tid, unsigned long addr, void *buf, size_t len, bool write)
{
        char path[64];
        _cleanup_close_ int fd = -EBADF;
        ssize_t n;

        snprintf(path, sizeof path, "/proc/%d/mem", (int)tid);
        fd = open(path, O_RDWR | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        n = write ? pwrite(fd, buf, len, (off_t)addr) : pread(fd, buf, len, (off_t)addr);
        return n == (ssize_t)len ? 0 : n < 0 ? -errno : -EIO;
}

static char *read_proc(pid_t tid, const char *what, size_t *ret_len)
{
        char path[64];
        _cleanup_close_ int fd = -EBADF;
        size_t len = 0, size = 16384;
        char *buf = NULL;

        snprintf(path, sizeof path, "/proc/%d/%s", (int)tid, what);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return NULL;
        for (;;) {
                char *b = realloc(buf, size + 1);
                ssize_t n;
                if (!b)
                        break;
                buf = b;
                n = read(fd, buf + len, size - len);
                if (n <= 0) {
                        if (n < 0)
                                break;
                        buf[len] = 0;
                        if (ret_len)
                                *ret_len = len;
                        return buf;
                }
                len += (size_t)n;
                if (len == size)
                        size *= 2;
        }
        free(buf);
        return NULL;
}

/* "Tgid:" and "PPid:" of /proc/TID/status. */
static int read_ids(pid_t tid, pid_t *ret_tgid, pid_t *ret_ppid)
{
        _cleanup_free_ char *s = read_proc(tid, "status", NULL);
        const char *t = s ? strstr(s, "\nTgid:") : NULL, *pp = s ? strstr(s, "\nPPid:") : NULL;

        if (!t || !pp)
                return -ESRCH;
        *ret_tgid = (pid_t)strtol(t + 6, NULL, 10);
        *ret_ppid = (pid_t)strtol(pp + 6, NULL, 10);
        return 0;
}

static unsigned long read_vdso_base(pid_t tid)
{
        size_t len = 0;
        _cleanup_free_ char *a = read_proc(tid, "auxv", &len);

        for (size_t i = 0; a && i + 16 <= len; i += 16) {
                uint64_t v[2];
                memcpy(v, a + i, sizeof v);
                if (v[0] == AT_SYSINFO_EHDR)
                        return v[1];
                if (v[0] == AT_NULL)
                        break;
        }
        return 0;
}

/* ---- the vDSO and the trampoline ---------------------------------------------------------- */

struct vdso {
        unsigned long fn[3];   /* each call's function, 0 when the vDSO lacks it */
        unsigned long syscall; /* a `syscall` instruction in it */
};

static int read_vdso(pid_t tid, const struct vsyscall_layout *lay, struct vdso *ret)
{
        size_t len = lay->vdso_end - lay->vdso;
        _cleanup_free_ uint8_t *image = NULL;
        unsigned long off;

        if (!lay->vdso || read_vdso_base(tid) != lay->vdso || len > VDSO_MAX)
                return -ENOENT;
        image = malloc(len);
        if (!image || peek(tid, lay->vdso, image, len) < 0)
                return -ENOENT;
        *ret = (struct vdso){0};
        for (int c = VSYSCALL_GETTIMEOFDAY; c <= VSYSCALL_GETCPU; c++)
                if (vsyscall_vdso_lookup(image, len, vsyscall_vdso_name(c), &off) == 0)
                        ret->fn[c] = lay->vdso + off;
        if (vsyscall_vdso_find_syscall(image, len, &off) == 0)
                ret->syscall = lay->vdso + off;
        return 0;
}

static unsigned long find_trampoline(pid_t tid, const struct vsyscall_layout *lay, enum vsyscall_call c,
                                     unsigned long target)
{
        uint8_t page[VSYSCALL_TRAMPOLINE_SIZE];

        for (unsigned i = 0; i < lay->n_tramps; i++)
                if (peek(tid, lay->tramps[i], page, sizeof page) == 0 &&
                    vsyscall_trampoline_check(page, sizeof page, c, target))
                        return lay->tramps[i];
        return 0;
}

/* Make the tracee map one page at lay->free_page and fill it. Returns its address or 0. */
static unsigned long make_trampoline(pid_t tid, const struct user_regs_struct *regs, const struct vsyscall_layout *lay,
                                     const struct vdso *v, bool *ret_died, int *ret_status)
{
        uint8_t page[VSYSCALL_TRAMPOLINE_SIZE], check[VSYSCALL_TRAMPOLINE_SIZE];
        unsigned long args[6] = {lay->free_page,        VSYSCALL_TRAMPOLINE_SIZE,
                                 PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                                 (unsigned long)-1,     0};
        long addr = 0;
        int r;

        if (!lay->free_page || !v->syscall)
                return 0;
        r = vsyscall_inject_syscall(tid, regs, v->syscall, SYS_mmap, args, &addr, ret_status);
        *ret_died = r == -ESRCH;
        if (r < 0)
                return 0;
        if ((unsigned long)addr != lay->free_page) {
                log_debug("vsyscall: mapping a trampoline at %#lx in PID %d gave %#lx", lay->free_page, (int)tid,
                          (unsigned long)addr);
                return 0;
        }
        vsyscall_trampoline_build(page, v->fn);
        if (mem_rw(tid, lay->free_page, page, sizeof page, true) < 0 ||
            peek(tid, lay->free_page, check, sizeof check) < 0 || memcmp(page, check, sizeof page) != 0)
                return 0;
        log_debug("vsyscall: mapped a trampoline to the vDSO at %#lx in PID %d", lay->free_page, (int)tid);
        return lay->free_page;
}

/* ---- stopping the thread group ------------------------------------------------------------ */

struct held {
        pid_t tid;
        int status;
        bool have; /* status holds its stop (or exit) */
        bool gone;
};

static char task_state(pid_t tgid, pid_t tid)
{
        char path[96], text[512];
        const char *p;

        snprintf(path, sizeof path, "/proc/%d/task/%d/stat", (int)tgid, (int)tid);
        if (read_small_file(path, text, sizeof text) < 0 || !(p = strrchr(text, ')')))
                return 'X';
        return p[1] == ' ' ? p[2] : 'X';
}

/* Interrupt every other thread of tgid and wait for each to stop (or exit). A thread group
 * leader that already exited is a zombie until the others do: skipped, it runs nothing. Like
 * any ptrace or job-control stop, this can end a blocking epoll_wait() or semop() of those
 * threads early with EINTR -- once per patched site, for multi-threaded processes only. Returns
 * the number of threads in *ret (statuses to hand back), or -EBUSY when one did not stop in time. */
static int stop_others(pid_t tgid, pid_t self, struct held **ret, size_t *ret_n)
{
        char path[64];
        DIR *d;
        struct held *h = NULL;
        size_t n = 0, size = 0;
        struct dirent *de;
        int r = 0;

        snprintf(path, sizeof path, "/proc/%d/task", (int)tgid);
        d = opendir(path);
        if (!d)
                return -ESRCH;
        while ((de = readdir(d))) {
                pid_t t = (pid_t)atoi(de->d_name);
                char st;
                if (t <= 0 || t == self || (st = task_state(tgid, t)) == 'Z' || st == 'X')
                        continue;
                if (ptrace(PTRACE_INTERRUPT, t, 0, 0) < 0)
                        continue; /* gone already */
                if (n == size) {
                        struct held *g = realloc(h, (size = size ? 2 * size : 8) * sizeof *h);
                        if (!g) {
                                r = -ENOMEM;
                                break;
                        }
                        h = g;
                }
                h[n++] = (struct held){.tid = t};
        }
        closedir(d);
        for (int waited = 0; r == 0; waited++) {
                bool all = true;
                for (size_t i = 0; i < n; i++) {
                        pid_t p;
                        if (h[i].have || h[i].gone)
                                continue;
                        p = waitpid(h[i].tid, &h[i].status, __WALL | WNOHANG);
                        if (p == h[i].tid)
                                h[i].have = true;
                        else if (p == 0 || (p < 0 && errno == EINTR))
                                all = false;
                        else
                                h[i].gone = true; /* reaped meanwhile: nothing to hand back */
                }
                if (all)
                        break;
                if (waited * 50 >= STOP_WAIT_MS * 1000) /* 50 us per round */
                        r = -EBUSY;
                else
                        nanosleep(&(struct timespec){.tv_nsec = 50000}, NULL);
        }
        *ret = h;
        *ret_n = n;
        return r;
}

static void hand_back(struct vsyscall_patcher *p, struct held *h, size_t n, vsyscall_held_fn held, void *userdata)
{
        p->busy = true;
        for (size_t i = 0; i < n; i++)
                if (h[i].have)
                        held(userdata, h[i].tid, h[i].status);
        p->busy = false;
        /* a thread interrupted but not yet stopped reports its stop later: the tracer resumes it */
}

/* ---- patching ----------------------------------------------------------------------------- */

/* Write the new immediate with every other thread of the group stopped, checking the bytes
 * before (still the sequence we matched) and after (exactly what we meant). */
static int write_site(pid_t tid, const struct vsyscall_site *s, const uint8_t *old, unsigned long target)
{
        uint8_t now[VSYSCALL_SITE_MAX], want[VSYSCALL_SITE_MAX];
        size_t at = s->imm_addr - s->start;

        memcpy(want, old, s->len);
        vsyscall_site_immediate(s, target, want + at);
        if (mem_rw(tid, s->start, now, s->len, false) < 0 || memcmp(now, old, s->len) != 0)
                return -ESTALE;
        if (mem_rw(tid, s->imm_addr, want + at, s->imm_len, true) < 0)
                return -EIO;
        if (mem_rw(tid, s->start, now, s->len, false) < 0 || memcmp(now, want, s->len) != 0) {
                mem_rw(tid, s->imm_addr, (void *)(old + at), s->imm_len, true); /* put it back */
                return -EIO;
        }
        return 0;
}

/* Whether tid shares its memory with its parent without being one of its threads (vfork, or
 * clone(CLONE_VM) threads of LinuxThreads): the other side runs on, unstopped; leave it be. */
static bool shares_memory_with_parent(pid_t tid, pid_t ppid)
{
        return ppid > 0 && syscall(SYS_kcmp, tid, ppid, KCMP_VM, 0, 0) == 0;
}

static int patch_site(struct vsyscall_patcher *p, pid_t tid, pid_t tgid, const struct user_regs_struct *regs,
                      const struct vsyscall_entry *e, const struct vsyscall_site *s, const uint8_t *code,
                      vsyscall_held_fn held, void *userdata)
{
        _cleanup_free_ char *maps = read_proc(tid, "maps", NULL);
        _cleanup_free_ struct held *h = NULL;
        unsigned long target, tramp = 0;
        struct vsyscall_layout lay;
        struct vdso v;
        size_t n = 0;
        int r;

        if (!maps)
                return -EAGAIN;
        vsyscall_layout_parse(maps, s->start, s->len, &lay);
        if (!lay.site_private) {
                log_debug("vsyscall: not patching the %s() call site at %#lx of PID %d: %s", e->name, s->start,
                          (int)tid, lay.site_why);
                return 0;
        }
        if (read_vdso(tid, &lay, &v) < 0 || !v.fn[e->call]) {
                log_debug("vsyscall: not patching the %s() call site of PID %d: no %s in its vDSO", e->name, (int)tid,
                          vsyscall_vdso_name(e->call));
                return 0;
        }
        target = v.fn[e->call];
        if (!vsyscall_site_reaches(s, target)) {
                tramp = find_trampoline(tid, &lay, e->call, target);
                if (!tramp) {
                        bool died = false;
                        int status;
                        tramp = make_trampoline(tid, regs, &lay, &v, &died, &status);
                        if (died) { /* its end was reaped here: the tracer must still see it */
                                hand_back(p, &(struct held){.tid = tid, .status = status, .have = true}, 1, held,
                                          userdata);
                                return -ESRCH;
                        }
                }
                if (!tramp) {
                        log_debug("vsyscall: not patching the %s() call site of PID %d: no trampoline", e->name,
                                  (int)tid);
                        return 0;
                }
                target = vsyscall_trampoline_slot(tramp, e->call);
        }
        r = stop_others(tgid, tid, &h, &n);
        if (r >= 0)
                r = write_site(tid, s, code + VSYSCALL_SITE_MAX - s->len, target);
        hand_back(p, h, n, held, userdata);
        if (r == -EBUSY) {
                log_debug("vsyscall: not patching the %s() call site of PID %d: a thread did not stop", e->name,
                          (int)tid);
                return r;
        }
        if (r < 0)
                return r == -ESTALE ? -EAGAIN : 0; /* the bytes changed under us: maybe next time */
        p->patched++;
        log_debug("vsyscall: patched the %s() call site at %#lx (%s) of PID %d to call %s at %#lx%s", e->name, s->start,
                  s->form, (int)tid, vsyscall_vdso_name(e->call), v.fn[e->call],
                  tramp ? " through the trampoline" : "");
        return 1;
}

int vsyscall_patch_call_site(struct vsyscall_patcher *p, pid_t tid, const struct user_regs_struct *regs,
                             const struct vsyscall_entry *e, vsyscall_held_fn held, void *userdata)
{
        unsigned long entry = p->page + e->offset;
        uint8_t code[VSYSCALL_SITE_MAX];
        struct vsyscall_site s;
        pid_t tgid, ppid;
        uint64_t ret_addr;
        int r;

        if (!p->enabled || p->busy)
                return 0;
        /* the cheap test first: every trap from a site we cannot patch comes through here */
        if (regs->rax != entry || peek(tid, regs->rsp, &ret_addr, sizeof ret_addr) < 0 ||
            ret_addr < VSYSCALL_SITE_MAX || peek(tid, ret_addr - VSYSCALL_SITE_MAX, code, sizeof code) < 0 ||
            !vsyscall_site_match(code, sizeof code, ret_addr, entry, &s))
                return 0;
        if (was_refused(p, tid, s.start))
                return 0;
        if (read_ids(tid, &tgid, &ppid) < 0)
                return 0; /* gone, most likely: the emulation will find out */
        if (shares_memory_with_parent(tid, ppid)) {
                log_debug("vsyscall: not patching the %s() call site of PID %d: it shares its memory with PID %d",
                          e->name, (int)tid, (int)ppid);
                return 0; /* not remembered: after its exec it is a process of its own */
        }
        r = patch_site(p, tid, tgid, regs, e, &s, code, held, userdata);
        /* a thread that would not stop (one waiting for its vfork child, say) would cost the
         * wait at every trap: give up on the site as for a permanent reason */
        if (r == 0 || r == -EBUSY)
                refuse(p, tid, s.start);
        return r > 0 ? r : 0;
}
