/* execve under the trace backend. The kernel would load a dynamic program's PT_INTERP from the
 * host's namespace (the host's ld.so with the guest's libraries: wrong), so a dynamic ELF is run
 * through uspawn-loader (src/loader/): the kernel executes the loader (host path) with the
 * guest's argv and envp as they are, and the loader's first call asks the tracer for its script
 * (loader-script.h: the program's and its interpreter's guest paths, the process name), maps both
 * through translated opens and starts the interpreter as the kernel would have. The guest sees
 * its own argv in /proc/self/cmdline and ps; AT_PHDR, AT_ENTRY and AT_BASE are the program's.
 * Without the loader (not installed), the guest's own ld.so runs as a program:
 * `GUEST-LD.SO [--argv0 ARGV0] PROGRAM ARGS` (--argv0: glibc >= 2.33; older ones show the
 * program's path as argv[0]), through a link named like the program so that comm is right;
 * /proc/self/cmdline then shows that command line. Static programs are executed directly.
 * `#!` scripts are unfolded first as the kernel does (up to 4 levels). Either way /proc/PID/exe
 * answers the program's guest path (tracee->exe), and AT_EXECFN is rewritten in place at the
 * exec event (the filename we pass is padded with '/' so it is never shorter). */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <talloc.h>
#include <unistd.h>

#include "cow-inject.h"
#include "trace/loader-script.h"
#include "trace/path.h"
#include "trace/regs.h"
#include "trace/trace.h"
#include "util/log.h"
#include "util/macro.h"

#define MAX_ARGS 65536
#define MAX_SCRIPT_DEPTH 4 /* the kernel's BINPRM_MAX_RECURSION */

/* What the tracer knows of one guest ld.so, learnt at its first exec. */
struct interp_seen {
        struct interp_seen *next;
        dev_t dev;
        ino_t ino;
        unsigned index; /* its directory of links: EXEC_DIR/INDEX/ */
        bool argv0;     /* it takes --argv0 (glibc >= 2.33) */
};

static struct interp_seen *interp_find(struct tracer *tr, const char *host)
{
        struct interp_seen *s, **head = (struct interp_seen **)&tr->interp_cache;
        _cleanup_close_ int fd = open(host, O_RDONLY | O_CLOEXEC);
        unsigned n = 0;
        struct stat st;
        char *data;

        if (fd < 0 || fstat(fd, &st) < 0 || st.st_size > 16 * 1024 * 1024)
                return NULL;
        for (s = *head; s; s = s->next, n++)
                if (s->dev == st.st_dev && s->ino == st.st_ino)
                        return s;
        s = talloc_zero(tr->ctx, struct interp_seen);
        data = talloc_size(tr->ctx, (size_t)st.st_size);
        if (!s || !data)
                return talloc_free(data), talloc_free(s), NULL;
        *s = (struct interp_seen){.next = *head, .dev = st.st_dev, .ino = st.st_ino, .index = n};
        if (pread(fd, data, (size_t)st.st_size, 0) == st.st_size)
                s->argv0 = memmem(data, (size_t)st.st_size, "--argv0", 8) != NULL;
        talloc_free(data);
        *head = s;
        return s;
}

/* The kernel names the process (comm, what ps and pkill see) after the file it executes: run
 * the ld.so through a link named like the program, EXEC_DIR/INDEX/NAME. NULL: use ld.so as is. */
static char *interp_link(struct tracer *tr, struct tracee *t, const struct interp_seen *s, const char *ld_host,
                         const char *program)
{
        const char *name = strrchr(program, '/') ? strrchr(program, '/') + 1 : program;
        char *dir, *link;
        struct stat st;

        if (!tr->exec_dir || !s || !*name || strlen(name) > NAME_MAX)
                return NULL;
        dir = talloc_asprintf(t->scratch, "%s/%u", tr->exec_dir, s->index);
        link = dir ? talloc_asprintf(t->scratch, "%s/%s", dir, name) : NULL;
        if (!link)
                return NULL;
        if (lstat(link, &st) == 0)
                return link;
        if ((mkdir(dir, 0700) < 0 && errno != EEXIST) || (symlink(ld_host, link) < 0 && errno != EEXIST))
                return NULL;
        return link;
}

/* What kind of file the kernel would execute: 0 = ELF (with *ret_interp when dynamic), 1 = #!
 * script (*ret_interp, *ret_arg), or -errno as execve would fail. */
static int examine(void *ctx, const char *host, char **ret_interp, char **ret_arg)
{
        _cleanup_close_ int fd = -EBADF;
        unsigned char buf[256 + 1];
        Elf64_Ehdr eh;
        struct stat st;
        ssize_t n;

        *ret_interp = *ret_arg = NULL;
        fd = open(host, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        if (fstat(fd, &st) < 0)
                return -errno;
        if (!S_ISREG(st.st_mode))
                return -EACCES;
        if (access(host, X_OK) < 0)
                return -errno;
        n = pread(fd, buf, sizeof buf - 1, 0);
        if (n < 0)
                return -errno;
        buf[n] = '\0';
        if (n >= 2 && buf[0] == '#' && buf[1] == '!') {
                char *line = (char *)buf + 2, *end = strchr(line, '\n'), *arg;
                if (end)
                        *end = '\0';
                line += strspn(line, " \t");
                arg = line + strcspn(line, " \t");
                if (*arg) {
                        *arg++ = '\0';
                        arg += strspn(arg, " \t");
                        for (char *e = arg + strlen(arg); e > arg && (e[-1] == ' ' || e[-1] == '\t');)
                                *--e = '\0';
                }
                if (!*line)
                        return -ENOEXEC;
                *ret_interp = talloc_strdup(ctx, line);
                *ret_arg = *arg ? talloc_strdup(ctx, arg) : NULL;
                return 1;
        }
        if (n < EI_NIDENT || memcmp(buf, ELFMAG, SELFMAG) != 0)
                return -ENOEXEC;
        /* another ABI's program (a 32-bit one's header is shorter than ours) */
        if (buf[EI_CLASS] != ELFCLASS64 || (n >= 20 && (buf[18] | buf[19] << 8) != EM_X86_64))
                return -EOPNOTSUPP;
        if ((size_t)n < sizeof eh)
                return -ENOEXEC;
        memcpy(&eh, buf, sizeof eh);
        for (unsigned i = 0; i < eh.e_phnum && i < 64; i++) {
                Elf64_Phdr ph;
                char interp[PATH_MAX];

                if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + (uint64_t)i * eh.e_phentsize)) != sizeof ph)
                        return -ENOEXEC;
                if (ph.p_type != PT_INTERP)
                        continue;
                if (ph.p_filesz == 0 || ph.p_filesz >= sizeof interp ||
                    pread(fd, interp, ph.p_filesz, (off_t)ph.p_offset) != (ssize_t)ph.p_filesz)
                        return -ENOEXEC;
                interp[ph.p_filesz] = '\0';
                *ret_interp = talloc_strdup(ctx, interp);
                break;
        }
        return 0;
}

/* The guest's argv pointers (without the final NULL). */
static int read_argv(void *ctx, pid_t tid, uint64_t addr, uint64_t **ret, size_t *ret_n)
{
        uint64_t *v = NULL;
        size_t n = 0;

        for (; addr; n++) {
                uint64_t p;
                if (n >= MAX_ARGS)
                        return -E2BIG;
                if (tracee_peek(tid, addr + n * 8, &p, 8) < 0)
                        return -EFAULT;
                if (!p)
                        break;
                v = talloc_realloc(ctx, v, uint64_t, n + 1);
                if (!v)
                        return -ENOMEM;
                v[n] = p;
        }
        *ret = v;
        *ret_n = n;
        return 0;
}

/* What an execve becomes: the program the guest meant (after #! unfolding), its interpreter,
 * and the argv entries the scripts put in front. */
struct exec_plan {
        char *filename;               /* as the guest named it (AT_EXECFN) */
        char *exe_guest, *exe_host;   /* the ELF program at the end of the #! chain */
        char *interp, *ld_host;       /* its PT_INTERP (guest path as written, host path), or NULL */
        char *ld_guest;               /* ... resolved in the guest */
        bool loader;                  /* run through uspawn-loader (else GUEST-LD.SO as a program) */
        char *ld_run;                 /* the path the kernel is given for ld.so */
        const struct interp_seen *ld;
        uint64_t head[3 * MAX_SCRIPT_DEPTH + 1]; /* INTERP [ARG] ... SCRIPT, in the tracee */
        size_t n_head;
};

static uint64_t push_string(struct stack_scratch *ss, const char *s)
{
        return stack_scratch_push(ss, s, strlen(s) + 1);
}

/* #! scripts, as the kernel unfolds them: argv becomes INTERP [ARG] SCRIPT ARGV[1..], and an
 * interpreter that is itself a script puts its own INTERP [ARG] in front. Ends with the ELF
 * program and its interpreter found. */
static int unfold(struct tracer *tr, struct tracee *t, struct stack_scratch *ss, struct exec_plan *ep)
{
        char *interp, *arg;
        int r, kind;

        for (int depth = 0;; depth++) {
                struct resolve rs;
                char *base = NULL;

                kind = examine(t->scratch, ep->exe_host, &interp, &arg);
                if (kind == -EOPNOTSUPP) {
                        /* once (a shell trying each PATH entry would repeat it), and not for the
                         * command itself (t->exe unset), whose failure uspawn reports */
                        if (!tr->warned_abi && t->exe)
                                log_warning("Cannot execute %s: it is not an x86_64 program (32-bit x86 or "
                                            "another architecture), and the trace backend runs only x86_64 "
                                            "programs; execve fails with ENOEXEC (use --backend=userns where "
                                            "user namespaces are allowed)",
                                            ep->exe_guest);
                        tr->warned_abi = true;
                        return -ENOEXEC;
                }
                if (kind < 0)
                        return kind;
                if (kind == 0)
                        break;
                if (depth >= MAX_SCRIPT_DEPTH)
                        return -ELOOP;
                uint64_t i_at = push_string(ss, interp), a_at = arg ? push_string(ss, arg) : 0;
                uint64_t script = depth == 0 ? push_string(ss, ep->filename) : 0;
                size_t add = (arg ? 2 : 1) + (depth == 0 ? 1 : 0);
                if (!i_at || (arg && !a_at) || (depth == 0 && !script))
                        return -EFAULT;
                memmove(ep->head + add, ep->head, ep->n_head * sizeof *ep->head);
                ep->head[0] = i_at;
                if (arg)
                        ep->head[1] = a_at;
                if (depth == 0)
                        ep->head[add - 1] = script;
                ep->n_head += add;
                if (interp[0] != '/' && (r = guest_dir(t->scratch, tr, t, AT_FDCWD, &base)) < 0)
                        return r;
                resolve_init(&rs, tr, t, RESOLVE_FOLLOW_LAST);
                r = path_resolve(t->scratch, &rs, base ? base : "/", interp, &ep->exe_guest, &ep->exe_host);
                if (r < 0)
                        return r;
        }
        ep->interp = interp;
        if (interp) {
                struct resolve rs;

                resolve_init(&rs, tr, t, RESOLVE_FOLLOW_LAST);
                r = path_resolve(t->scratch, &rs, "/", interp, &ep->ld_guest, &ep->ld_host);
                if (r < 0)
                        return r;
                if (access(ep->ld_host, X_OK) < 0)
                        return errno == ENOENT ? -ENOENT : -EACCES;
                ep->loader = tr->loader != NULL;
                if (ep->loader)
                        return 0;
                ep->ld = interp_find(tr, ep->ld_host);
                ep->ld_run = interp_link(tr, t, ep->ld, ep->ld_host, ep->exe_guest) ?: ep->ld_host;
        }
        return 0;
}

/* The new argv in the tracee: [LD.SO [--argv0 ARGV0] PROGRAM] (without the loader) + the
 * scripts' head + the guest's argv from [1] (with a head or ld.so) or [0]. Returns its address,
 * or 0 (*ret_error). */
static uint64_t build_argv(struct tracer *tr, struct tracee *t, struct stack_scratch *ss, const struct exec_plan *ep,
                           const uint64_t *argv, size_t argc, int *ret_error)
{
        uint64_t *nv = talloc_array(t->scratch, uint64_t, argc + ep->n_head + 6);
        uint64_t argv0 = ep->n_head ? ep->head[0] : (argc ? argv[0] : 0);
        size_t n = 0, from = ep->n_head ? 1 : 0;

        *ret_error = -EFAULT;
        if (!nv)
                return *ret_error = -ENOMEM, 0;
        if (ep->interp && !ep->loader) {
                uint64_t ld = push_string(ss, ep->interp), prog = push_string(ss, ep->exe_guest);
                if (!ld || !prog)
                        return 0;
                nv[n++] = ld;
                if (argv0 && ep->ld && ep->ld->argv0) {
                        uint64_t opt = push_string(ss, "--argv0");
                        if (!opt)
                                return 0;
                        nv[n++] = opt;
                        nv[n++] = argv0;
                }
                nv[n++] = prog; /* ld.so makes it (or --argv0's) the program's argv[0] */
                for (size_t i = 1; i < ep->n_head; i++)
                        nv[n++] = ep->head[i];
                from = 1;
        } else
                for (size_t i = 0; i < ep->n_head; i++)
                        nv[n++] = ep->head[i];
        for (size_t i = from; i < argc; i++)
                nv[n++] = argv[i];
        nv[n++] = 0;
        return stack_scratch_push(ss, nv, n * sizeof *nv);
}

/* What the loader is told: program, interpreter, and the name the kernel gives a process, the
 * last component of the filename execve was given (a script's, not its interpreter's). */
static char *loader_script(void *ctx, const struct exec_plan *ep)
{
        const char *name = strrchr(ep->filename, '/') ? strrchr(ep->filename, '/') + 1 : ep->filename;
        size_t lp = strlen(ep->exe_guest) + 1, li = strlen(ep->ld_guest) + 1, ln = strlen(name) + 1;
        struct loader_script h = {.magic = LOADER_MAGIC};
        size_t size = sizeof h + lp + li + ln;
        char *s;

        if (size > LOADER_SCRIPT_MAX)
                return NULL;
        s = talloc_size(ctx, size);
        if (!s)
                return NULL;
        h.size = (unsigned)size;
        h.program = sizeof h;
        h.interp = (unsigned)(h.program + lp);
        h.name = (unsigned)(h.interp + li);
        memcpy(s, &h, sizeof h);
        memcpy(s + h.program, ep->exe_guest, lp);
        memcpy(s + h.interp, ep->ld_guest, li);
        memcpy(s + h.name, name, ln);
        return s;
}

int exec_enter(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs, struct stack_scratch *ss,
               const char *guest_path, const char *host_path)
{
        bool at = t->row->arg[0].path == 1; /* execveat */
        struct exec_plan *ep = talloc_zero(t->scratch, struct exec_plan);
        uint64_t *argv, vec, file_at;
        size_t argc;
        char *pad;
        int r;

        if (!ep)
                return -ENOMEM;
        ep->exe_guest = (char *)guest_path;
        ep->exe_host = (char *)host_path;
        r = tracee_strdup(t->scratch, t->tid, *syscall_arg(regs, at ? 1 : 0), PATH_MAX, &ep->filename);
        if (r < 0)
                return r;
        /* execveat names what it runs as the kernel does: /dev/fd/N[/PATH] */
        if (at && ep->filename[0] != '/' && (int)*syscall_arg(regs, 0) != AT_FDCWD)
                ep->filename = talloc_asprintf(t->scratch, "/dev/fd/%d%s%s", (int)*syscall_arg(regs, 0),
                                               *ep->filename ? "/" : "", ep->filename);
        if (!ep->filename)
                return -ENOMEM;
        r = read_argv(t->scratch, t->tid, *syscall_arg(regs, at ? 2 : 1), &argv, &argc);
        if (r < 0)
                return r;
        r = unfold(tr, t, ss, ep);
        if (r < 0)
                return r;
        vec = build_argv(tr, t, ss, ep, argv, argc, &r);
        if (!vec)
                return r;

        /* the file the kernel executes, padded with '/' so AT_EXECFN can be rewritten in place */
        const char *run = ep->loader ? tr->loader : ep->ld_run ? ep->ld_run : ep->exe_host;
        size_t want = strlen(ep->filename) > strlen(run) ? strlen(ep->filename) - strlen(run) : 0;
        pad = talloc_asprintf(t->scratch, "%*s%s", (int)want, "", run);
        if (!pad)
                return -ENOMEM;
        memset(pad, '/', want);
        file_at = push_string(ss, pad);
        if (!file_at)
                return -EFAULT;
        *syscall_arg(regs, at ? 1 : 0) = file_at;
        *syscall_arg(regs, at ? 2 : 1) = vec;
        if (at)
                *syscall_arg(regs, 4) &= ~(uint64_t)(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW);

        TALLOC_FREE(t->exec_exe);
        TALLOC_FREE(t->exec_fn);
        TALLOC_FREE(t->exec_loader);
        t->exec_exe = talloc_strdup(t->life, ep->exe_guest);
        t->exec_fn = talloc_strdup(t->life, ep->filename);
        if (ep->loader && !(t->exec_loader = loader_script(t->life, ep)))
                return -ENAMETOOLONG;
        return t->exec_exe && t->exec_fn ? 0 : -ENOMEM;
}

/* After a successful exec: the new program's exe, and AT_EXECFN as the guest named it. */
void exec_event(struct tracer *tr, struct tracee *t)
{
        char path[40];
        uint64_t auxv[2 * 64];
        _cleanup_close_ int fd = -EBADF;
        ssize_t n;

        t->exec_done = true;
        TALLOC_FREE(t->loader_script);
        t->loader_script = t->exec_loader; /* the loader runs: its first call asks for this */
        t->exec_loader = NULL;
        if (t->exec_exe) {
                TALLOC_FREE(t->exe);
                t->exe = talloc_steal(t->life, t->exec_exe);
                t->exec_exe = NULL;
        }
        if (!t->exec_fn)
                return;
        snprintf(path, sizeof path, "/proc/%d/auxv", (int)t->tid);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        n = fd >= 0 ? read(fd, auxv, sizeof auxv) : -1;
        for (ssize_t i = 0; i + 1 < n / 8; i += 2)
                if (auxv[i] == AT_EXECFN) {
                        char *now;
                        if (tracee_strdup(t->scratch, t->tid, auxv[i + 1], PATH_MAX, &now) >= 0 &&
                            strlen(now) >= strlen(t->exec_fn))
                                (void)tracee_poke(t->tid, auxv[i + 1], t->exec_fn, strlen(t->exec_fn) + 1);
                        break;
                }
        TALLOC_FREE(t->exec_fn);
}

bool exec_loader_request(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs, bool *ret_exit_stop)
{
        char *script = t->loader_script, *path;
        size_t size = talloc_get_size(script);
        long answer = (long)size;

        t->loader_script = NULL; /* asked once, at once, or never */
        if (regs->orig_rax != __NR_readlink ||
            tracee_strdup(t->scratch, t->tid, *syscall_arg(regs, 0), PATH_MAX, &path) < 0 ||
            !streq(path, LOADER_REQUEST)) {
                talloc_free(script);
                return false;
        }
        if (*syscall_arg(regs, 2) < size)
                answer = -ENAMETOOLONG;
        else if (tracee_poke(t->tid, *syscall_arg(regs, 1), script, size) < 0)
                answer = -EFAULT;
        talloc_free(script);
        *ret_exit_stop = syscall_answer(tr, t, regs, answer);
        return true;
}

const char *exec_loader_find(void *ctx)
{
        char *looked = NULL, *loader = preload_find_library(ctx, "uspawn-loader", "USPAWN_LOADER", &looked);

        if (loader && access(loader, X_OK) < 0) {
                looked = loader;
                loader = NULL;
        }
        if (loader)
                log_debug("Dynamic programs run through %s, which maps the program and its interpreter.", loader);
        else
                log_debug("No uspawn-loader (looked for %s): dynamic programs run as GUEST-LD.SO [--argv0 ARGV0] "
                          "PROGRAM ARGS, which /proc/PID/cmdline and ps show.",
                          looked ? looked : "it");
        return loader;
}
