/* The trace backend's orchestrator: the plan as a path table, the command found in the tree, a
 * child that waits to be seized, installs the filter and executes the command (translated like
 * every later call), then the tracer loop until the command exits. Runs where user namespaces
 * are refused: no mounts, no namespaces, the guest runs with the user's own ids. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <talloc.h>
#include <unistd.h>

#include "backend.h"
#include "fakeroot/creds.h"
#include "seccomp/trace-set.h"
#include "supervise/vsyscall.h"
#include "run-host.h"
#include "trace/order.h"
#include "trace/path.h"
#include "trace/relay.h"
#include "trace/table.h"
#include "trace/trace.h"
#include "trace/uts.h"
#include "machine.h"
#include "supervise/notify.h"
#include "userns/exec.h"
#include "userns/seccomp.h"
#include "userns/user.h"
#include "util/log.h"
#include "util/strv.h"
#include "util/talloc-util.h"

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* Fake root: the guest sees uid 0 (or --user's ids) unless --emulate-ids=no, as a user
 * namespace mapping only the user would show it. */
static bool fakeroot_wanted(const struct settings *s)
{
        return s->emulate_ids != EMULATE_IDS_NO;
}

struct trace_command {
        const void *policy; /* the container's seccomp policy, compiled (as the userns backend's) */
        size_t policy_len;
        char *path;     /* guest path of the program */
        char *host_path; /* ... and where it is on the host */
        /* why an exec failing with ENOEXEC or ENOENT failed: worked out before the filter, which
         * would translate the explanation's own reads */
        const char *why_noexec, *why_noent;
        char uuid[37];
        char **argv, **env;
        char *cwd_host; /* host path of the starting directory */
        const char *console; /* the console pty's slave: stdio and controlling terminal, or NULL */
        struct fake_creds creds; /* fake root: the command's ids */
};

/* What the settings ask that this backend cannot give: one clear line each. */
static int check_settings(const struct settings *s)
{
        if (s->boot)
                return log_error_errno(-EOPNOTSUPP, "--boot needs user namespaces; the trace backend runs "
                                                    "a command, not an init (use --backend=userns where allowed)");
        if (s->private_network || s->network_veth)
                return log_error_errno(-EOPNOTSUPP,
                                       "--private-network and --network-veth need user namespaces; the trace "
                                       "backend shares the host's network (drop the option)");
        return 0;
}

static struct resolve host_resolve(const struct path_table *paths)
{
        return (struct resolve){.paths = paths, .tid = getpid(), .tgid = getpid(), .scope = "/",
                                .flags = RESOLVE_FOLLOW_LAST};
}

/* The guest path of an executable argv0, searched in PATH when it has no slash. */
static int find_program(void *ctx, const struct settings *s, const struct path_table *paths, const char *argv0,
                        const char *path_list, char **ret, char **ret_host)
{
        struct resolve rs = host_resolve(paths);
        const char *shown = path_list;
        char *guest, *host;
        struct stat st;

        if (strchr(argv0, '/')) {
                const char *cwd = s->chdir && s->chdir[0] == '/' ? s->chdir : "/";
                if (path_resolve(ctx, &rs, cwd, argv0, &guest, &host) >= 0 && stat(host, &st) >= 0) {
                        *ret = talloc_strdup(ctx, argv0);
                        *ret_host = host;
                        return 0;
                }
                path_list = "";
        }
        for (const char *p = path_list; p && *p; p = strchr(p, ':') ? strchr(p, ':') + 1 : NULL) {
                size_t n = strcspn(p, ":");
                char *cand = talloc_asprintf(ctx, "%.*s/%s", (int)n, p, argv0);
                if (cand && cand[0] == '/' && path_resolve(ctx, &rs, "/", cand, &guest, &host) >= 0 &&
                    stat(host, &st) >= 0 && S_ISREG(st.st_mode) && access(host, X_OK) >= 0) {
                        *ret = cand;
                        *ret_host = host;
                        return 0;
                }
        }
        log_error("%s not found in %s (PATH=%s)", argv0, s->directory, shown ? shown : "");
        return -ENOENT;
}

static bool is_x86_32(const char *path)
{
        _cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
        unsigned char h[20];

        return fd >= 0 && read(fd, h, sizeof h) == sizeof h && memcmp(h, ELFMAG, SELFMAG) == 0 &&
               h[EI_CLASS] == ELFCLASS32 && (h[18] | h[19] << 8) == EM_386;
}

static int prepare_command(void *ctx, const struct settings *s, const struct path_table *paths,
                           struct trace_command *c)
{
        char *etc = talloc_asprintf(ctx, "%s/etc", s->root), *guest;
        struct resolve rs = host_resolve(paths);
        const char *term = getenv("TERM");
        struct guest_user u;
        int r;

        r = guest_user_resolve(ctx, etc, s->user, &u);
        if (r < 0)
                return log_error_errno(r, "User '%s' not found in %s/etc/passwd: %m", s->user ? s->user : "root",
                                       s->directory);
        if (s->user && u.uid != getuid() && !fakeroot_wanted(s))
                return log_error_errno(-EPERM,
                                       "--user=%s (uid %u) needs fake root in the trace backend, which "
                                       "--emulate-ids=no turns off (drop that option)",
                                       s->user, (unsigned)u.uid);
        fake_creds_root(&c->creds);
        if (s->user) {
                c->creds.ruid = c->creds.euid = c->creds.suid = c->creds.fsuid = u.uid;
                c->creds.rgid = c->creds.egid = c->creds.sgid = c->creds.fsgid = u.gid;
                c->creds.ngroups = (uint32_t)u.n_groups;
                for (int i = 0; i < u.n_groups; i++)
                        c->creds.groups[i] = u.groups[i];
        }
        machine_choose_uuid(s, c->uuid);
        const char *kv[] = {
                "container=uspawn",
                talloc_asprintf(ctx, "container_uuid=%s", c->uuid),
                "PATH=" DEFAULT_PATH,
                talloc_asprintf(ctx, "HOME=%s", u.home),
                talloc_asprintf(ctx, "USER=%s", u.name),
                talloc_asprintf(ctx, "LOGNAME=%s", u.name),
                talloc_asprintf(ctx, "SHELL=%s", u.shell),
                talloc_asprintf(ctx, "TERM=%s", term && isatty(STDIN_FILENO) ? term : "dumb"),
        };
        for (size_t i = 0; i < ELEMENTSOF(kv); i++)
                if (!kv[i] || strv_env_set(ctx, &c->env, kv[i]) < 0)
                        return log_error_errno(-ENOMEM, "Out of memory");
        for (char **e = s->environment; e && *e; e++)
                if (strv_env_set(ctx, &c->env, *e) < 0)
                        return log_error_errno(-ENOMEM, "Out of memory");

        if (s->command)
                c->argv = s->command;
        else if (strv_append(ctx, &c->argv, u.shell) < 0)
                return log_error_errno(-ENOMEM, "Out of memory");
        r = find_program(ctx, s, paths, c->argv[0], strv_env_get(c->env, "PATH"), &c->path, &c->host_path);
        if (r < 0)
                return r;
        c->why_noexec = is_x86_32(c->host_path) ? "32-bit x86 programs do not run under the trace backend yet"
                                                : explain_exec_failure(ctx, c->host_path, -ENOEXEC);
        c->why_noent = explain_exec_failure(ctx, c->host_path, -ENOENT);

        const char *dir = s->chdir ? s->chdir : u.home;
        struct stat st;
        r = path_resolve(ctx, &rs, "/", dir, &guest, &c->cwd_host);
        if (r >= 0 && (stat(c->cwd_host, &st) < 0 || !S_ISDIR(st.st_mode)))
                r = -ENOTDIR;
        if (r < 0 && s->chdir)
                return log_error_errno(r, "Failed to change to --chdir=%s in the container: %m", s->chdir);
        if (r < 0)
                c->cwd_host = s->root;
        return 0;
}

/* With a notifying filter: the listener's number to the tracer, which takes a copy (pidfd_getfd)
 * before the command runs; the child's own copy closes on exec. */
static void report_listener(scmp_filter_ctx filter, int sync, int report)
{
        int fd = seccomp_notify_fd(filter);
        char x;

        if (fd < 0 || write(report, &fd, sizeof fd) != sizeof fd || read(sync, &x, 1) != 1)
                _exit(1);
}

static _Noreturn void child(const struct settings *s, const struct trace_command *c, scmp_filter_ctx filter, int sync,
                            int report)
{
        char x;
        int r;

        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (read(sync, &x, 1) != 1) /* seized (or the tracer died) */
                _exit(1);
        (void)setsid(); /* as under userns: signals from the terminal go to uspawn, which forwards them */
        if (c->console) { /* the console is the controlling terminal of the new session */
                int fd = open(c->console, O_RDWR | O_CLOEXEC);
                if (fd < 0 || ioctl(fd, TIOCSCTTY, 0) < 0 || dup2(fd, 0) < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0) {
                        log_error_errno(-errno, "Failed to attach the console %s: %m", c->console);
                        _exit(1);
                }
                close(fd);
        }
        if (chdir(c->cwd_host) < 0) {
                log_error_errno(-errno, "Failed to change to %s: %m", c->cwd_host);
                _exit(1);
        }
        for (unsigned i = 0; i < s->n_rlimits; i++)
                if (setrlimit(s->rlimits[i].resource, &s->rlimits[i].limit) < 0) {
                        log_error_errno(-errno, "Failed to set RLIMIT_%s: %m", s->rlimits[i].name);
                        _exit(1);
                }
        r = filter ? seccomp_load(filter) : 0; /* none: plain ptrace stops every call */
        if (r < 0) {
                log_error_errno(r, "Failed to install the trace backend's seccomp filter: %m");
                _exit(1);
        }
        if (report >= 0)
                report_listener(filter, sync, report);
        /* the same policy as under userns, stacked: the stricter answer wins */
        r = filter ? seccomp_install(c->policy, c->policy_len) : 0;
        if (r < 0) {
                log_error_errno(r, "Failed to install the seccomp filter: %m");
                _exit(1);
        }
        execve(c->path, c->argv, c->env); /* stops in the tracer, which translates it */
        r = -errno;
        const char *why = r == -ENOEXEC ? c->why_noexec : r == -ENOENT ? c->why_noent : NULL;
        log_error_errno(r, "Failed to execute %s in %s: %m%s%s", c->path, s->directory, why ? "; " : "",
                        why ? why : "");
        _exit(r == -ENOENT ? 127 : 126);
}

static int exit_code(int status)
{
        if (WIFEXITED(status))
                return WEXITSTATUS(status);
        return 128 + WTERMSIG(status);
}

/* Whatever the command left behind dies with it, as in a PID namespace. */
static void kill_rest(struct tracer *tr)
{
        int status;

        for (struct tracee *t = tr->tracees; t; t = t->next)
                kill(t->tid, SIGKILL);
        while (tr->tracees) {
                pid_t pid = waitpid(-1, &status, __WALL);
                struct tracee *t;
                if (pid < 0 && errno == EINTR)
                        continue;
                if (pid < 0)
                        break;
                t = tracee_find(tr, pid);
                if (t && (WIFEXITED(status) || WIFSIGNALED(status)))
                        tracee_remove(tr, t);
        }
}

/* The container's seccomp policy, compiled as the userns backend compiles it. */
static int compile_policy(void *ctx, const struct settings *s, struct trace_command *c)
{
        void *bpf;
        int r;

        if (!s->syscall_filter) {
                seccomp_default_filter(false, &c->policy, &c->policy_len);
                return 0;
        }
        r = seccomp_compile_policy(s->syscall_filter, false, &bpf, &c->policy_len);
        if (r < 0)
                return log_error_errno(r, "Failed to compile the seccomp filter: %m");
        c->policy = talloc_memdup(ctx, bpf, c->policy_len);
        free(bpf);
        return c->policy ? 0 : log_error_errno(-ENOMEM, "Out of memory");
}

/* Which way calls reach the tracer, best first: seccomp user notification for the hottest
 * calls (notify.c) with RET_TRACE for the rest, RET_TRACE alone, or plain ptrace where the kernel
 * has no seccomp filters. The debug line says which (the test wrappers check it). */
static int trace_pick_path(const struct settings *s, struct tracer *tr)
{
        char why[300];

        tr->listener = -EBADF;
        tr->plain = !trace_probe_seccomp_filters();
        if (tr->plain) {
                log_debug("trace: notify listener: no (no seccomp filters); plain ptrace: every call stops, "
                          "the container's seccomp policy is not applied");
                if (s->syscall_filter)
                        log_warning("--system-call-filter is not applied: this kernel has no seccomp filters.");
                tr->enter_stop_after_seccomp = true; /* answers set at the exit stop */
                if (tr->vsyscall_page) {
                        log_warning("vsyscall emulation needs seccomp filters under the trace backend: old "
                                    "programs calling the vsyscall page will crash.");
                        tr->vsyscall_page = 0;
                }
                return 0;
        }
        if (trace_notify_probe(why, sizeof why))
                tr->listener = -EAGAIN; /* wanted: made by the command's filter at the start */
        log_debug("trace: notify listener: %s (%s); %s", tr->listener != -EBADF ? "yes" : "no", why,
                  tr->listener != -EBADF ? "the other calls stop with SECCOMP_RET_TRACE"
                                         : "every translated call stops with SECCOMP_RET_TRACE");
        return 0;
}

/* Fork the command's process, seize it, then let it install the filters and execute. */
static int start_traced(const struct settings *s, const struct trace_command *c, struct tracer *tr)
{
        scmp_filter_ctx filter = NULL;
        int sync[2], report[2] = {-EBADF, -EBADF}, r;
        bool notify = tr->listener != -EBADF; /* wanted: trace_run probed */
        pid_t pid;

        r = tr->plain ? 0 : trace_filter_build(tr->fakeroot != NULL, notify, &filter);
        if (r < 0)
                return log_error_errno(r, "Failed to build the trace backend's seccomp filter: %m");
        /* orphans of the command become ours (and are reaped by the tracer loop), as in a PID
         * namespace they would be its init's */
        (void)prctl(PR_SET_CHILD_SUBREAPER, 1);
        if (pipe2(sync, O_CLOEXEC) < 0) {
                if (filter)
                        seccomp_release(filter);
                return log_error_errno(-errno, "Failed to make a pipe: %m");
        }
        if (notify && pipe2(report, O_CLOEXEC) < 0) {
                r = -errno;
                seccomp_release(filter);
                close(sync[0]);
                close(sync[1]);
                return log_error_errno(r, "Failed to make a pipe: %m");
        }
        pid = fork();
        if (pid < 0) {
                r = -errno;
                if (filter)
                        seccomp_release(filter);
                close(sync[0]);
                close(sync[1]);
                safe_close(report[0]);
                safe_close(report[1]);
                return log_error_errno(r, "Failed to fork: %m");
        }
        if (pid == 0) {
                close(sync[1]);
                safe_close(report[0]);
                child(s, c, filter, sync[0], report[1]);
        }
        close(sync[0]);
        safe_close(report[1]);
        if (filter)
                seccomp_release(filter);
        tr->main_pid = pid;
        r = RET_NERRNO(ptrace(PTRACE_SEIZE, pid, NULL,
                              (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK |
                                             PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESECCOMP |
                                             PTRACE_O_EXITKILL)));
        struct tracee *t = r < 0 ? NULL : tracee_add(tr, pid);
        if (t && tr->fakeroot)
                fakeroot_inherit(tr, NULL, t);
        if (t)
                t->before_exec = tr->plain;
        if (r < 0 || !t || (tr->fakeroot && !t->creds)) {
                kill(pid, SIGKILL);
                waitpid(pid, NULL, 0);
                close(sync[1]);
                safe_close(report[0]);
                return log_error_errno(r < 0 ? r : -ENOMEM, "Failed to trace the command: %m");
        }
        /* without a filter nothing would stop it: stop it now, the loop resumes it to each call */
        if (tr->plain && (r = RET_NERRNO(ptrace(PTRACE_INTERRUPT, pid, NULL, NULL))) < 0) {
                kill(pid, SIGKILL);
                waitpid(pid, NULL, __WALL);
                close(sync[1]);
                safe_close(report[0]);
                return log_error_errno(r, "Failed to stop the command: %m");
        }
        (void)!write(sync[1], "go", 1);
        if (notify) {
                int fd = -1;
                ssize_t n = read(report[0], &fd, sizeof fd);
                r = n == sizeof fd ? trace_notify_take(pid, fd) : -EPIPE;
                if (r >= 0)
                        r = trace_notify_init(tr, r);
                safe_close(report[0]);
                if (r < 0) { /* the filter notifies: the command cannot run without the listener */
                        kill(pid, SIGKILL);
                        waitpid(pid, NULL, __WALL);
                        close(sync[1]);
                        if (n == 0) /* the command failed before its filter and said why */
                                return r;
                        return log_error_errno(r, "Failed to take the trace backend's seccomp listener: %m");
                }
                (void)!write(sync[1], "go", 1);
        }
        close(sync[1]);
        return 0;
}

static int trace_run(const struct settings *s, const struct plan *p)
{
#if !defined(__x86_64__)
        return log_error_errno(-EOPNOTSUPP, "The trace backend supports only x86_64 hosts so far");
#else
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        struct trace_table *tt;
        struct trace_command c = {};
        struct vsyscall_tracer vt;
        const char *uts_file = NULL;
        _cleanup_(trace_relays_close) struct trace_relays relays = TRACE_RELAYS_INIT;
        int r, status = 0;

        if (!ctx)
                return log_error_errno(-ENOMEM, "Out of memory");
        if ((r = check_settings(s)) < 0)
                return r;
        _cleanup_close_ int lock = machine_lock(s);
        if (lock < 0 && lock != -EBADF)
                return lock;
        r = trace_table_build(ctx, s, p, &tt);
        if (r >= 0)
                r = trace_uts_setup(tt, s->hostname, &uts_file);
        if (r >= 0)
                r = trace_relays_open(&relays, tt, s, p);
        if (r < 0)
                return r;
        r = prepare_command(ctx, s, &tt->paths, &c);
        if (r < 0)
                return r == -ENOENT ? 127 : r;
        if (s->notify_ready && strv_env_set(ctx, &c.env, "NOTIFY_SOCKET=/run/host/notify") < 0)
                return log_error_errno(-ENOMEM, "Out of memory");
        if (tt->run_host) {
                _cleanup_close_ int fd = open(tt->run_host, O_PATH | O_DIRECTORY | O_CLOEXEC);
                if ((r = fd < 0 ? -errno : run_host_write_uuid(fd, c.uuid)) < 0)
                        return log_error_errno(r, "Failed to write /run/host/container-uuid: %m");
        }
        vsyscall_tracer_init(&vt, s->vsyscall); /* the same decision as the userns backend's */
        struct tracer tr = {.ctx = ctx,
                            .paths = &tt->paths,
                            .exec_dir = tt->exec_dir,
                            .uts_file = uts_file,
                            .kill_signal = s->kill_signal ? s->kill_signal : SIGTERM,
                            .vsyscall_page = vt.active ? vt.page : 0};
        tr.loader = exec_loader_find(ctx); /* NULL: dynamic programs run as GUEST-LD.SO PROGRAM */
        struct trace_fakeroot fr = {.host_uid = getuid(), .host_gid = getgid(), .initial = &c.creds,
                                    .status_dir = tt->exec_dir};
        if (fakeroot_wanted(s))
                tr.fakeroot = &fr;
        r = trace_pick_path(s, &tr);
        if (r >= 0 && !tr.plain)
                r = trace_probe_event_order(&tr.enter_stop_after_seccomp);
        if (r < 0)
                return log_error_errno(r, "Cannot trace a child process (ptrace: %m); the trace backend needs "
                                          "ptrace (kernel.yama.ptrace_scope <= 1, no seccomp filter refusing it)");
        c.console = relays.console.master >= 0 ? relays.console.slave : NULL;
        if ((r = compile_policy(ctx, s, &c)) < 0 || (r = start_traced(s, &c, &tr)) < 0)
                return r;
        if ((r = trace_relays_start(&relays, tr.main_pid)) < 0) {
                kill(tr.main_pid, SIGKILL);
                kill_rest(&tr);
                return r;
        }

        bool registered = lock >= 0 && machine_register(s, "trace", tr.main_pid, c.uuid, NULL, tr.fakeroot != NULL);
        if (!s->notify_ready) {
                char msg[256];
                snprintf(msg, sizeof msg, "READY=1\nSTATUS=Container %s running.\n", s->machine); /* as under userns */
                notify_send(msg);
        }
        r = tracer_loop(&tr, &status);
        kill_rest(&tr);
        if (tr.notif_req) {
                log_debug("trace: %lu calls answered from notifications, %lu handed to the tracer.", tr.notified,
                          tr.handed_over);
                trace_notify_done(&tr);
        }
        log_debug("trace: %lu ptrace stops.", tr.stops);
        if (tr.vsyscall_page) /* the same line as the userns supervisor's */
                log_debug("vsyscall: %lu calls emulated, %lu faults delivered.", tr.vsyscall_emulated,
                          tr.vsyscall_faults);
        if (registered)
                machine_unregister(s);
        if (r < 0)
                return log_error_errno(r, "The trace backend lost its tracees: %m");
        return exit_code(status);
#endif
}

const struct backend backend_trace = {.name = "trace", .run = trace_run};
