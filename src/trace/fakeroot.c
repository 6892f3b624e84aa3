/* Fake root in the trace backend, the process side: every tracee carries the credential model of
 * fakeroot/creds.c. The tracer sees every fork and clone, so a child takes its parent's model at
 * the clone event, exactly (the seccomp-notify emulation must guess it later from /proc, which is
 * why it keeps fakeroot/proctable.c; here the tracee list is that table). get*id are answered
 * without running, set*id, setgroups and capset change only the model, exec keeps it and (once
 * it succeeded) honours recorded set-user-ID owners, and /proc/PID/status opens are pointed at a
 * copy with its ids (fakeroot/status.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <talloc.h>
#include <unistd.h>

#include "fakeroot/creds.h"
#include "fakeroot/status.h"
#include "trace/fakeroot.h"
#include "trace/regs.h"
#include "trace/trace.h"
#include "util/fs.h"
#include "util/macro.h"

void fakeroot_inherit(struct tracer *tr, const struct tracee *parent, struct tracee *child)
{
        const struct fake_creds *from = parent && parent->creds ? parent->creds : tr->fakeroot->initial;

        if (!child->creds)
                child->creds = talloc_memdup(child->life, from, sizeof *from);
}

/* The process a new tracee comes from: its own (a thread) or its parent's, from /proc. */
static pid_t creator_process(pid_t tid)
{
        char path[40], line[128];
        pid_t tgid = 0, ppid = 0;
        FILE *f;

        snprintf(path, sizeof path, "/proc/%d/status", (int)tid);
        f = fopen(path, "re");
        while (f && fgets(line, sizeof line, f) && !(tgid && ppid))
                if (sscanf(line, "Tgid: %d", &tgid) != 1)
                        (void)sscanf(line, "PPid: %d", &ppid);
        if (f)
                fclose(f);
        return tgid && tgid != tid ? tgid : ppid;
}

bool fakeroot_adopt(struct tracer *tr, struct tracee *child)
{
        pid_t from = creator_process(child->tid);
        const struct fake_creds *c = NULL;

        if (from <= 0)
                return false;
        if (from == getpid()) /* its creator died and uspawn, the subreaper, adopted it */
                c = tr->fakeroot->initial;
        for (struct tracee *t = tr->tracees; t && from != getpid(); t = t->next) {
                if (t == child || tracee_tgid(t) != from)
                        continue;
                if (!t->creds)
                        return false;
                if (c && memcmp(c, t->creds, sizeof *c) != 0)
                        return false; /* its threads differ: only the event can say whose */
                c = t->creds;
        }
        if (!c)
                return false;
        child->creds = talloc_memdup(child->life, c, sizeof *c);
        return child->creds != NULL;
}

static long get_res(struct tracee *t, uint64_t *a, bool uids)
{
        const struct fake_creds *k = t->creds;
        uint32_t ids[3] = {uids ? k->ruid : k->rgid, uids ? k->euid : k->egid, uids ? k->suid : k->sgid};

        for (int i = 0; i < 3; i++)
                if (tracee_poke(t->tid, a[i], &ids[i], sizeof ids[i]) < 0)
                        return -EFAULT;
        return 0;
}

static long get_groups(struct tracee *t, uint64_t *a)
{
        const struct fake_creds *k = t->creds;
        int size = (int)a[0];

        if (size < 0)
                return -EINVAL;
        if (size == 0)
                return k->ngroups;
        if ((uint32_t)size < k->ngroups)
                return -EINVAL;
        if (k->ngroups && tracee_poke(t->tid, a[1], k->groups, k->ngroups * sizeof(uint32_t)) < 0)
                return -EFAULT;
        return k->ngroups;
}

static long set_groups(struct tracee *t, uint64_t *a)
{
        uint32_t groups[FAKE_NGROUPS_MAX];
        int n = (int)a[0];

        if (n < 0 || n > FAKE_NGROUPS_MAX)
                return -EINVAL;
        if (n > 0 && tracee_peek(t->tid, a[1], groups, (size_t)n * sizeof(uint32_t)) < 0)
                return -EFAULT;
        return fake_setgroups(t->creds, groups, (uint32_t)n);
}

/* The id calls, answered from the model; the kernel takes 32-bit ids, -1 meaning "unchanged". */
static long id_call(struct tracee *t, long nr, uint64_t *a)
{
        struct fake_creds *k = t->creds;
#define ID(i) ((uint32_t)a[i])

        switch (nr) {
        case __NR_getuid:
                return k->ruid;
        case __NR_geteuid:
                return k->euid;
        case __NR_getgid:
                return k->rgid;
        case __NR_getegid:
                return k->egid;
        case __NR_getresuid:
        case __NR_getresgid:
                return get_res(t, a, nr == __NR_getresuid);
        case __NR_getgroups:
                return get_groups(t, a);
        case __NR_setuid:
                return fake_setuid(k, ID(0));
        case __NR_setgid:
                return fake_setgid(k, ID(0));
        case __NR_setreuid:
                return fake_setreuid(k, ID(0), ID(1));
        case __NR_setregid:
                return fake_setregid(k, ID(0), ID(1));
        case __NR_setresuid:
                return fake_setresuid(k, ID(0), ID(1), ID(2));
        case __NR_setresgid:
                return fake_setresgid(k, ID(0), ID(1), ID(2));
        case __NR_setfsuid:
                return fake_setfsuid(k, ID(0));
        case __NR_setfsgid:
                return fake_setfsgid(k, ID(0));
        case __NR_setgroups:
                return set_groups(t, a);
        case __NR_capset: /* root may set what it likes; a dropped process, only what it has */
                return k->euid == 0 ? 0 : -EPERM;
        }
#undef ID
        return -ENOSYS;
}

bool fakeroot_call(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs)
{
        uint64_t a[6];
        long nr = (long)regs->orig_rax;

        fakeroot_inherit(tr, NULL, t);
        if (!t->creds)
                return syscall_answer(tr, t, regs, -ENOMEM);
        for (int i = 0; i < 6; i++)
                a[i] = *syscall_arg(regs, i);
        if (nr == __NR_fstat || nr == __NR_fchown || nr == __NR_fchmod)
                return fakeroot_fd_call(tr, t, regs);
        return syscall_answer(tr, t, regs, id_call(t, nr, a));
}

void fakeroot_exec(struct tracer *tr, struct tracee *t, const char *host)
{
        struct stat st;
        uint32_t uid, gid;

        fakeroot_inherit(tr, NULL, t);
        if (!t->creds || stat(host, &st) < 0 || !(st.st_mode & (S_ISUID | S_ISGID)))
                return;
        fakeroot_owner(tr, host, &st, &uid, &gid);
        /* applied at the exec event (loop.c): a failing exec keeps the ids it had */
        t->exec_creds = talloc_memdup(t->life, t->creds, sizeof *t->creds);
        if (t->exec_creds)
                fake_creds_exec(t->exec_creds, st.st_mode, uid, gid);
}

/* Which tracee a /proc status path names (guest path: "self" may still be spelled so). */
static struct tracee *status_target(struct tracer *tr, struct tracee *t, const char *guest)
{
        char rest[8];
        int pid, tid, n = 0;

        if (streq(guest, "/proc/self/status") || streq(guest, "/proc/thread-self/status"))
                return t;
        if (sscanf(guest, "/proc/self/task/%d/statu%1s%n", &tid, rest, &n) == 2 && !guest[n] && streq(rest, "s"))
                return tracee_find(tr, tid);
        if (sscanf(guest, "/proc/%d/task/%d/statu%1s%n", &pid, &tid, rest, &n) == 3 && !guest[n] && streq(rest, "s"))
                return tracee_find(tr, tid);
        if (sscanf(guest, "/proc/%d/statu%1s%n", &pid, rest, &n) == 2 && !guest[n] && streq(rest, "s"))
                return tracee_find(tr, pid);
        return NULL;
}

char *fakeroot_status(struct tracer *tr, struct tracee *t, const char *guest)
{
        struct tracee *target;
        char src[64], buf[8192], *tmp, *dst;
        FILE *f;
        int r;

        if (!startswith(guest, "/proc/") || !tr->fakeroot->status_dir)
                return NULL;
        target = status_target(tr, t, guest);
        if (!target)
                return NULL;
        fakeroot_inherit(tr, NULL, target);
        if (!target->creds)
                return NULL;
        snprintf(src, sizeof src, "/proc/%d/status", (int)target->tid);
        if (read_small_file(src, buf, sizeof buf) < 0)
                return NULL;
        /* a new file each time (renamed into place): a reader of an older copy keeps it */
        dst = talloc_asprintf(t->scratch, "%s/status.%d", tr->fakeroot->status_dir, (int)t->tid);
        tmp = talloc_asprintf(t->scratch, "%s/.status.%d", tr->fakeroot->status_dir, (int)t->tid);
        if (!dst || !tmp || !(f = fopen(tmp, "we")))
                return NULL;
        r = fake_status_rewrite(buf, target->creds, f);
        if (fclose(f) != 0 || r < 0 || rename(tmp, dst) < 0) {
                unlink(tmp);
                return NULL;
        }
        return dst;
}
