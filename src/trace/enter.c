/* The syscall-entry half of a translated call: read the guest's path arguments, resolve them in
 * the guest's view (path.c), check read-only binds, write the host paths below the tracee's stack
 * and point the argument registers at them. The original registers are kept for the exit stop,
 * which puts them back: the syscall ABI promises the caller they survive. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <talloc.h>
#include <unistd.h>

#include "trace/path.h"
#include "trace/regs.h"
#include "trace/trace.h"
#include "util/macro.h"

#ifndef FAN_MARK_DONT_FOLLOW
#define FAN_MARK_DONT_FOLLOW 0x00000004
#endif

static const char *exe_of(void *userdata, pid_t pid)
{
        struct tracer *tr = userdata;

        for (struct tracee *t = tr->tracees; t; t = t->next)
                if ((t->tid == pid || t->tgid == pid) && t->exe)
                        return t->exe;
        return NULL;
}

static bool is_guest(void *userdata, pid_t pid)
{
        struct tracer *tr = userdata;

        for (struct tracee *t = tr->tracees; t; t = t->next)
                if (t->tid == pid || tracee_tgid(t) == pid)
                        return true;
        return false;
}

void resolve_init(struct resolve *rs, struct tracer *tr, struct tracee *t, unsigned flags)
{
        *rs = (struct resolve){.paths = tr->paths,
                               .tid = t->tid,
                               .tgid = tracee_tgid(t),
                               .scope = "/",
                               .flags = flags,
                               .exe_of = exe_of,
                               .is_guest = is_guest,
                               .userdata = tr};
}

/* The guest directory a relative path starts from: the working directory or dirfd's. */
int guest_dir(void *ctx, struct tracer *tr, struct tracee *t, int dirfd, char **ret)
{
        char link[64], buf[PATH_MAX];
        ssize_t k;

        if (dirfd == AT_FDCWD)
                snprintf(link, sizeof link, "/proc/%d/cwd", (int)t->tid);
        else /* not a directory: its path plus the name makes the kernel say ENOTDIR */
                snprintf(link, sizeof link, "/proc/%d/fd/%d", (int)t->tid, dirfd);
        k = readlink(link, buf, sizeof buf - 1);
        if (k < 0)
                return errno == ENOENT ? -EBADF : -errno;
        buf[k] = '\0';
        /* a directory the guest cannot name (one inherited from the host): refuse rather than
         * let a relative path climb out of it */
        *ret = path_to_guest(ctx, tr->paths, buf);
        return *ret ? 0 : -ENOENT;
}

bool follows(const struct path_arg *a, uint64_t flags)
{
        switch (a->follow) {
        case FOLLOW:
                return true;
        case NOFOLLOW:
                return false;
        case FOLLOW_UNLESS:
                return !(flags & AT_SYMLINK_NOFOLLOW);
        case NOFOLLOW_UNLESS:
                return flags & AT_SYMLINK_FOLLOW;
        case FOLLOW_OPEN:
                return !(flags & O_NOFOLLOW) && (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL);
        case FOLLOW_INOTIFY:
                return !(flags & IN_DONT_FOLLOW);
        case FOLLOW_FANOTIFY:
                return !(flags & FAN_MARK_DONT_FOLLOW);
        }
        return true;
}

bool open_writes(uint64_t flags)
{
        return (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)) || (flags & __O_TMPFILE) == __O_TMPFILE;
}

/* Resolve one path argument. Returns 1 when the argument is left as it is (an empty path with
 * AT_EMPTY_PATH, a NULL utimensat path), 0 with the guest and host paths, or -errno. extra are
 * resolve flags (openat2); scope_from_dir: the dirfd is the root of the lookup. */
int resolve_arg(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs, const struct path_arg *a,
                uint64_t flags, unsigned extra, char **ret_guest, char **ret_host, char **ret_path)
{
        uint64_t addr = *syscall_arg(regs, a->path);
        int dirfd = a->dirfd != NO_ARG ? (int)*syscall_arg(regs, a->dirfd) : AT_FDCWD;
        char *path, *base = NULL;
        struct resolve rs;
        int r;

        if (!addr && a->null_ok)
                return 1;
        r = tracee_strdup(t->scratch, t->tid, addr, PATH_MAX, &path);
        if (r < 0)
                return r;
        if (ret_path)
                *ret_path = path;
        if (!*path) {
                if (!a->empty_ok || !(flags & AT_EMPTY_PATH))
                        return -ENOENT;
                if (t->row->kind != SC_EXEC)
                        return 1; /* the call acts on dirfd itself */
                /* fexecve: run what the fd holds, through its /proc link */
                path = talloc_asprintf(t->scratch, "/proc/self/fd/%d", dirfd);
        }
        if (path[0] != '/' || (extra & RESOLVE_SCOPED) || (extra & RESOLVE_BENEATH_ONLY)) {
                r = guest_dir(t->scratch, tr, t, dirfd, &base);
                if (r < 0)
                        return r;
        }
        resolve_init(&rs, tr, t, (follows(a, flags) ? RESOLVE_FOLLOW_LAST : 0) | extra);
        if (extra & (RESOLVE_SCOPED | RESOLVE_BENEATH_ONLY))
                rs.scope = base;
        return path_resolve(t->scratch, &rs, base ? base : "/", path, ret_guest, ret_host);
}

int check_writable(struct tracer *tr, const char *guest)
{
        const struct trace_mount *m = path_mount_of(tr->paths, guest);

        return m && m->read_only ? -EROFS : 0;
}

static int set_path(struct stack_scratch *ss, struct user_regs_struct *regs, int arg, const char *host)
{
        uint64_t at = stack_scratch_push(ss, host, strlen(host) + 1);

        if (!at)
                return -EFAULT;
        *syscall_arg(regs, arg) = at;
        return 0;
}

/* readlink of a /proc magic link: its answer is a host path, or the exe a tracee runs. */
static void note_proc_link(struct tracer *tr, struct tracee *t, const char *guest, const char *host)
{
        const struct trace_mount *m = path_mount_of(tr->paths, guest);
        const char *rel, *exe;
        unsigned pid, tid;
        char what[8];
        int n = -1;

        t->proc_link = m && streq(m->host, "/proc");
        TALLOC_FREE(t->proc_link_exe);
        TALLOC_FREE(t->proc_link_host);
        if (!t->proc_link)
                return;
        t->proc_link_host = talloc_strdup(t->life, host);
        rel = guest + m->guest_len;
        if (!((sscanf(rel, "/%u/task/%u/%7[a-z]%n", &pid, &tid, what, &n) == 3 ||
               sscanf(rel, "/%u/%7[a-z]%n", &pid, what, &n) == 2) &&
              rel[n] == '\0'))
                return;
        if (streq(what, "root"))
                t->proc_link_exe = talloc_strdup(t->life, "/");
        else if (streq(what, "exe") && (exe = exe_of(tr, (pid_t)pid)))
                t->proc_link_exe = talloc_strdup(t->life, exe);
}

static int enter_paths(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs, struct stack_scratch *ss)
{
        const struct syscall_row *row = t->row;
        const struct trace_mount *first = NULL;
        int changed = 0;

        for (int i = 0; i < 2 && row->arg[i].path != NO_ARG; i++) {
                const struct path_arg *a = &row->arg[i];
                uint64_t flags = a->flags != NO_ARG ? *syscall_arg(regs, a->flags) : 0;
                char *guest, *host, *path = NULL;
                int r = resolve_arg(tr, t, regs, a, flags, 0, &guest, &host, &path);

                if (r < 0)
                        return r;
                if (r > 0)
                        continue;
                if (i == 0 && tr->fakeroot && !(t->fr_host = talloc_strdup(t->life, host)))
                        return -ENOMEM;
                if ((row->writes || (row->open_flags != NO_ARG && open_writes(*syscall_arg(regs, row->open_flags)))) &&
                    (r = check_writable(tr, guest)) < 0)
                        return r;
                /* rename and link across binds fail as across mounts */
                if (i == 0)
                        first = path_mount_of(tr->paths, guest);
                else if (first && path_mount_of(tr->paths, guest) != first)
                        return -EXDEV;
                if (row->kind == SC_EXEC) {
                        if (tr->fakeroot)
                                fakeroot_exec(tr, t, host);
                        r = exec_enter(tr, t, regs, ss, guest, host);
                        return r < 0 ? r : 1;
                }
                if (row->link_buf != NO_ARG)
                        note_proc_link(tr, t, guest, host);
                if (i == 0 && tr->fakeroot && row->open_flags != NO_ARG &&
                    !open_writes(*syscall_arg(regs, row->open_flags))) {
                        char *status = fakeroot_status(tr, t, guest);
                        if (status)
                                host = status;
                }
                /* the kernel would see the same string (/dev/null, /proc/N/...): leave the
                 * register alone, and no exit stop is needed for it */
                if (path && streq(path, host) && !t->proc_link && row->nr != __NR_statfs)
                        continue;
                r = set_path(ss, regs, a->path, host);
                if (r < 0)
                        return r;
                if (row->nr == __NR_statfs)
                        t->statfs_ro = check_writable(tr, guest) < 0;
                changed = 1;
        }
        return changed;
}

static int enter_openat2(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs, struct stack_scratch *ss)
{
        struct open_how how = {};
        uint64_t size = *syscall_arg(regs, 3), at;
        unsigned extra = 0;
        char *guest, *host;
        int r;

        if (size < sizeof how)
                return -EINVAL;
        r = tracee_peek(t->tid, *syscall_arg(regs, 2), &how, sizeof how);
        if (r < 0)
                return -EFAULT;
        if (how.resolve & RESOLVE_IN_ROOT)
                extra |= RESOLVE_SCOPED;
        if (how.resolve & RESOLVE_BENEATH)
                extra |= RESOLVE_BENEATH_ONLY;
        if (how.resolve & RESOLVE_NO_SYMLINKS)
                extra |= RESOLVE_NO_LINKS;
        r = resolve_arg(tr, t, regs, &t->row->arg[0], how.flags, extra, &guest, &host, NULL);
        if (r != 0)
                return r;
        if (open_writes(how.flags) && (r = check_writable(tr, guest)) < 0)
                return r;
        r = set_path(ss, regs, 1, host);
        if (r < 0)
                return r;
        /* the host path is absolute and already resolved inside the guest's scope */
        how.resolve &= ~(uint64_t)(RESOLVE_IN_ROOT | RESOLVE_BENEATH);
        at = stack_scratch_push(ss, &how, sizeof how);
        if (!at)
                return -EFAULT;
        *syscall_arg(regs, 2) = at;
        *syscall_arg(regs, 3) = sizeof how;
        return 1;
}

/* An AF_UNIX path: translate it into a new sockaddr_un. Returns 1 when *addr changed. */
static int translate_sockaddr(struct tracer *tr, struct tracee *t, struct stack_scratch *ss, bool follow,
                              bool writes, uint64_t *addr, uint64_t *len)
{
        struct sockaddr_un sun = {};
        const size_t off = offsetof(struct sockaddr_un, sun_path);
        char path[sizeof sun.sun_path + 1] = {}, *guest, *host;
        struct resolve rs;
        char *base = NULL;
        int r;

        if (!*addr || *len <= off || *len > sizeof sun)
                return 0;
        if (tracee_peek(t->tid, *addr, &sun, *len) < 0)
                return -EFAULT;
        if (sun.sun_family != AF_UNIX || sun.sun_path[0] == '\0')
                return 0; /* abstract or not a path */
        memcpy(path, sun.sun_path, *len - off);
        if (path[0] != '/' && (r = guest_dir(t->scratch, tr, t, AT_FDCWD, &base)) < 0)
                return r;
        resolve_init(&rs, tr, t, follow ? RESOLVE_FOLLOW_LAST : 0);
        r = path_resolve(t->scratch, &rs, base ? base : "/", path, &guest, &host);
        if (r < 0)
                return r;
        if (writes && (r = check_writable(tr, guest)) < 0)
                return r;
        if (strlen(host) >= sizeof sun.sun_path)
                return -ENAMETOOLONG; /* TODO: bind through a /proc/TRACER/fd/N/name of the parent */
        memset(sun.sun_path, 0, sizeof sun.sun_path);
        strcpy(sun.sun_path, host);
        *len = off + strlen(host) + 1;
        *addr = stack_scratch_push(ss, &sun, *len);
        return *addr ? 1 : -EFAULT;
}

static int enter_sockaddr(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs, struct stack_scratch *ss)
{
        long nr = (long)regs->orig_rax;
        struct msghdr mh;
        uint64_t addr, len;
        int r;

        if (nr == __NR_sendmsg) {
                if (tracee_peek(t->tid, *syscall_arg(regs, 1), &mh, sizeof mh) < 0)
                        return -EFAULT;
                addr = (uint64_t)(uintptr_t)mh.msg_name;
                len = mh.msg_namelen;
                r = translate_sockaddr(tr, t, ss, true, false, &addr, &len);
                if (r <= 0)
                        return r;
                mh.msg_name = (void *)(uintptr_t)addr;
                mh.msg_namelen = (socklen_t)len;
                addr = stack_scratch_push(ss, &mh, sizeof mh);
                if (!addr)
                        return -EFAULT;
                *syscall_arg(regs, 1) = addr;
                return 1;
        }
        int ai = nr == __NR_sendto ? 4 : 1;
        addr = *syscall_arg(regs, ai);
        len = *syscall_arg(regs, ai + 1);
        r = translate_sockaddr(tr, t, ss, nr != __NR_bind, nr == __NR_bind, &addr, &len);
        if (r <= 0)
                return r;
        *syscall_arg(regs, ai) = addr;
        *syscall_arg(regs, ai + 1) = len;
        return 1;
}

/* Fail the call: no syscall runs (number -1) and the exit stop sets the result. */
static bool deny(struct tracee *t, struct user_regs_struct *regs, int error)
{
        t->deny = error;
        regs->orig_rax = (uint64_t)-1;
        regs->rax = (uint64_t)-error;
        (void)tracee_set_regs(t->tid, regs);
        return true;
}

/* Since Linux 4.8 a call skipped at its seccomp stop (number -1) keeps the rax the tracer set:
 * the answer needs no exit stop, only the guest's own argument registers back. Before, the
 * syscall-entry stop follows and the exit stop sets the result, as deny() does. */
bool syscall_answer(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs, long val)
{
        t->answered = true;
        t->answer = val;
        if (!tr->enter_stop_after_seccomp) {
                *regs = t->saved;
                t->fr_exit = FR_NONE;
        }
        regs->orig_rax = (uint64_t)-1;
        regs->rax = (uint64_t)val;
        (void)tracee_set_regs(t->tid, regs);
        return tr->enter_stop_after_seccomp;
}

bool syscall_enter(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs)
{
        struct stack_scratch ss;
        int r;

        t->row = syscall_row_find((long)regs->orig_rax);
        t->saved = *regs;
        t->deny = 0;
        t->proc_link = false;
        t->statfs_ro = false;
        t->exec_done = false;
        t->answered = false;
        t->fr_exit = FR_NONE;
        TALLOC_FREE(t->fr_host);
        TALLOC_FREE(t->exec_creds); /* an exec that failed */
        if (t->loader_script) { /* uspawn-loader's first call (exec.c) */
                bool exit_stop = false;
                if (exec_loader_request(tr, t, regs, &exit_stop))
                        return exit_stop;
        }
        if (!t->row)
                return deny(t, regs, ENOSYS); /* in the filter but not in the table: never pass */
        stack_scratch_init(&ss, t->tid, regs);
        switch (t->row->kind) {
        case SC_ERRNO:
                return deny(t, regs, t->row->err);
        case SC_GETCWD:
                return true;
        case SC_SOCKNAME: {
                uint64_t lenp = *syscall_arg(regs, t->row->link_buf + 1);
                /* the room the guest gave, read now: the kernel overwrites it */
                return lenp && *syscall_arg(regs, t->row->link_buf) &&
                       tracee_peek(t->tid, lenp, &t->addr_room, sizeof t->addr_room) >= 0;
        }
        case SC_FAKEROOT:
                return tr->fakeroot ? fakeroot_call(tr, t, regs) : deny(t, regs, ENOSYS);
        case SC_UTS:
                return syscall_answer(tr, t, regs, uts_call(tr, t, regs));
        case SC_PATH:
        case SC_EXEC:
                r = enter_paths(tr, t, regs, &ss);
                if (r >= 0 && tr->fakeroot && t->row->kind == SC_PATH) {
                        int f = fakeroot_path_call(tr, t, regs);
                        if (t->answered)
                                return f > 0;
                        if (f > 0 && r == 0)
                                r = 1; /* registers unchanged, but the exit stop is needed */
                }
                break;
        case SC_OPENAT2:
                r = enter_openat2(tr, t, regs, &ss);
                break;
        case SC_SOCKADDR:
                r = enter_sockaddr(tr, t, regs, &ss);
                break;
        default:
                r = -ENOSYS;
        }
        if (r < 0)
                return deny(t, regs, -r);
        if (r == 0)
                return false; /* nothing to translate: no exit stop needed */
        r = tracee_set_regs(t->tid, regs);
        return r >= 0;
}
