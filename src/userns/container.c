/* Inside the new namespaces: wait for the id maps, set the host name, build the root from the
 * plan, pivot into it, then set limits, resolve the user, find the command, drop capabilities,
 * load the seccomp filter and exec -- as PID 2, forked at once by PID 1, which becomes the stub
 * init meanwhile (userns/pid1.c), or as PID 1. One call per step; each step reports its own
 * error. */
#include "userns/container.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/filter.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "userns/caps.h"
#include "userns/exec.h"
#include "userns/mounts.h"
#include "userns/net.h"
#include "userns/overlay.h"
#include "userns/pid1.h"
#include "userns/rootemu.h"
#include "userns/seccomp.h"
#include "userns/user.h"
#include "util/fdpass.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/strv.h"

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

struct command {
        struct guest_user user;
        char **argv;
        char **env;
        char *path; /* the executable found */
        const char *cwd;
};

static void wait_for_maps(struct launch *l)
{
        struct sync_maps m;

        /* EOF: uspawn died before writing the maps; leave quietly */
        if (read(l->sync_fd, &m, sizeof m) != (ssize_t)sizeof m || m.tag != SYNC_MAPS_WRITTEN)
                _exit(1);
        l->maps = m.maps; /* what was written, which may be less than was planned */
}

static int set_identity_names(const struct settings *s)
{
        if (sethostname(s->hostname, strlen(s->hostname)) < 0)
                return log_error_errno(-errno, "Failed to set the host name to '%s': %m", s->hostname);
        if (s->private_network) {
                int r = loopback_up();
                if (r < 0)
                        return log_error_errno(r, "Failed to bring up the loopback interface: %m");
        }
        return 0;
}

/* The socket goes to the supervisor, which serves it; the container keeps only its name. */
static int hand_over_socket(struct launch *l, enum sync_socket_kind kind, int fd)
{
        struct sync_socket m = {.tag = SYNC_SOCKET, .kind = (char)kind};
        int r;

        if (fd < 0)
                return 0;
        r = fd_send(l->sync_fd, &m, sizeof m, fd);
        close(fd);
        return r < 0 ? log_error_errno(r, "Failed to hand the container's sockets to uspawn: %m") : 0;
}

static int build_root(struct launch *l)
{
        const struct settings *s = l->settings;
        _cleanup_close_ int rootfd = mounts_prepare_root(s->root);
        int syslog_fd = -EBADF, notify_fd = -EBADF, r;

        if (rootfd < 0)
                return rootfd;
        r = overlay_prepare_root(l->plan, s->root, &rootfd); /* -x, --volatile: a new root over the tree */
        if (r < 0)
                return r;
        const struct runtime_sources sources = {.console = l->console_slave,
                                                .syslog_fd = l->syslog ? &syslog_fd : NULL,
                                                .notify_fd = l->notify ? &notify_fd : NULL,
                                                .uuid = l->uuid,
                                                .cgroup = l->cgroup != NULL};

        r = mounts_apply_plan(l->plan, rootfd, s->directory, &sources, s->private_network);
        if (r >= 0)
                r = hand_over_socket(l, SYNC_SOCKET_SYSLOG, syslog_fd);
        if (r >= 0)
                r = hand_over_socket(l, SYNC_SOCKET_NOTIFY, notify_fd);
        if (r < 0)
                return r; /* the caller exits, which closes what was not handed over */
        return mounts_pivot_root(rootfd);
}

static int set_rlimits(const struct settings *s)
{
        for (unsigned i = 0; i < s->n_rlimits; i++) {
                const struct rlimit_spec *r = &s->rlimits[i];
                struct rlimit now;

                if (setrlimit(r->resource, &r->limit) == 0)
                        continue;
                int e = errno;
                getrlimit(r->resource, &now);
                if (e == EPERM && r->limit.rlim_max > now.rlim_max)
                        return log_error_errno(-EPERM,
                                               "Cannot raise the hard limit of RLIMIT_%s above uspawn's own (%llu); "
                                               "lower the --rlimit value or raise it before starting uspawn",
                                               r->name, (unsigned long long)now.rlim_max);
                return log_error_errno(-e, "Failed to set RLIMIT_%s: %m", r->name);
        }
        return 0;
}

static int resolve_user(void *ctx, struct launch *l, struct guest_user *u)
{
        const struct settings *s = l->settings;
        int r = guest_user_resolve(ctx, "/etc", s->user, u);

        if (r == -ESRCH)
                return log_error_errno(r,
                                       "User '%s' not found in %s/etc/passwd; give a name from that file or a number",
                                       s->user, s->directory);
        if (r < 0)
                return log_error_errno(r, "Failed to look up user '%s': %m", s->user ? s->user : "root");
        if (rootemu_wanted(s, &l->maps))
                return 0; /* become_user's calls go to the emulation */
        if (!idmap_contains(&l->maps.uid, u->uid) || !idmap_contains(&l->maps.gid, u->gid))
                return log_error_errno(
                        -ERANGE, "User '%s' (uid %u, gid %u) is not mapped in the container: only %s; %s", u->name,
                        u->uid, u->gid, l->maps.use_helpers ? "ids 0-65535 are mapped" : "root is mapped",
                        l->maps.use_helpers ? "choose a user below 65536"
                                            : "give your user a range in /etc/subuid and /etc/subgid (usermod "
                                              "--add-subuids/--add-subgids) and install uidmap");
        return 0;
}

static int build_environment(void *ctx, struct launch *l, struct command *c)
{
        const struct settings *s = l->settings;
        const char *term = getenv("TERM");
        char *kv[] = {
                "container=uspawn",
                talloc_asprintf(ctx, "container_uuid=%s", l->uuid),
                "PATH=" DEFAULT_PATH,
                talloc_asprintf(ctx, "HOME=%s", c->user.home),
                talloc_asprintf(ctx, "USER=%s", c->user.name),
                talloc_asprintf(ctx, "LOGNAME=%s", c->user.name),
                talloc_asprintf(ctx, "SHELL=%s", c->user.shell),
                talloc_asprintf(ctx, "TERM=%s",
                                s->console != CONSOLE_PIPE && term ? term
                                : s->console != CONSOLE_PIPE       ? "vt220"
                                                                   : "dumb"),
        };

        for (size_t i = 0; i < ELEMENTSOF(kv); i++)
                if (strv_env_set(ctx, &c->env, kv[i]) < 0)
                        return log_error_errno(-ENOMEM, "Out of memory");
        if (l->notify && strv_env_set(ctx, &c->env, "NOTIFY_SOCKET=/run/host/notify") < 0)
                return log_error_errno(-ENOMEM, "Out of memory");
        for (char **e = s->environment; e && *e; e++)
                if (strv_env_set(ctx, &c->env, *e) < 0)
                        return log_error_errno(-ENOMEM, "Out of memory");
        return 0;
}

static int find_command(void *ctx, struct launch *l, struct command *c)
{
        const struct settings *s = l->settings;
        const char *path_list = strv_env_get(c->env, "PATH");
        int r;

        if (s->boot) {
                /* the init, with the command line's arguments passed on to it */
                strv_append(ctx, &c->argv, s->init.path);
                for (char **a = s->command; a && *a; a++)
                        strv_append(ctx, &c->argv, *a);
        } else if (s->command)
                c->argv = s->command;
        else
                strv_append(ctx, &c->argv, c->user.shell);
        r = find_executable(ctx, c->argv[0], path_list, &c->path);
        if (r == -ENOENT)
                return log_error_errno(r, "%s not found in %s (PATH=%s)", c->argv[0], s->directory, path_list);
        if (r < 0)
                return log_error_errno(r, "%s in %s cannot be executed: %m", c->argv[0], s->directory);
        return 0;
}

static int choose_directory(struct launch *l, struct command *c)
{
        const struct settings *s = l->settings;
        struct stat st;

        if (s->chdir) {
                if (chdir(s->chdir) < 0)
                        return log_error_errno(-errno, "Failed to change to --chdir=%s in the container: %m", s->chdir);
                return 0;
        }
        c->cwd = stat(c->user.home, &st) == 0 && S_ISDIR(st.st_mode) ? c->user.home : "/";
        if (chdir(c->cwd) < 0)
                return log_error_errno(-errno, "Failed to change to %s in the container: %m", c->cwd);
        return 0;
}

/* The supervisor compiles the filter while we mount, and sends it as one message. */
static ssize_t receive_filter(int fd, void *buf, size_t size)
{
        ssize_t n;

        do
                n = recv(fd, buf, size, 0);
        while (n < 0 && errno == EINTR);
        if (n <= 0)
                return log_error_errno(n < 0 ? -errno : -EPIPE, "Failed to receive the seccomp filter: %m");
        return n;
}

static int lock_down(struct launch *l)
{
        const struct settings *s = l->settings;
        char policy[BPF_MAXINSNS * sizeof(struct sock_filter)];
        ssize_t n;
        int r;

        r = caps_apply_bounding_set(caps_compute(s->capability_add, s->capability_drop, s->private_network));
        if (r < 0)
                return log_error_errno(r, "Failed to set the capability bounding set: %m");
        n = receive_filter(l->sync_fd, policy, sizeof policy);
        if (n < 0)
                return (int)n;
        if (l->pid1_fd >= 0 && (r = pid1_hand_policy(l->pid1_fd, policy, (size_t)n)) < 0)
                return r;
        if (!rootemu_wanted(s, &l->maps))
                return seccomp_policy_install(policy, (size_t)n);
        r = rootemu_install(l->sync_fd, policy, (size_t)n, s->emulate_ids == EMULATE_IDS_YES);
        l->emulating = r > 0;
        return r;
}

/* The console is the controlling terminal of a new session; without one, a new session still
 * keeps the command from pushing input into the caller's terminal (TIOCSTI). */
static int attach_session(struct launch *l)
{
        int fd;

        if (setsid() < 0)
                return log_error_errno(-errno, "Failed to start a new session: %m");
        if (!l->console_slave)
                return 0;
        /* a booted init runs with no controlling terminal, as on a real machine: its getty makes
         * the console the controlling terminal of the login session; a command gets it itself */
        fd = open("/dev/console", O_RDWR | O_CLOEXEC | (l->settings->boot ? O_NOCTTY : 0));
        if (fd < 0)
                return log_error_errno(-errno, "Failed to open /dev/console: %m");
        if (!l->settings->boot && ioctl(fd, TIOCSCTTY, 0) < 0)
                return log_error_errno(-errno, "Failed to make /dev/console the controlling terminal: %m");
        for (int i = 0; i < 3; i++)
                if (dup2(fd, i) < 0)
                        return log_error_errno(-errno, "Failed to attach the console: %m");
        close(fd);
        return 0;
}

static int set_no_new_privileges(struct launch *l)
{
        if (l->settings->no_new_privileges && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
                return log_error_errno(-errno, "Failed to set no_new_privs: %m");
        return 0;
}

static int become_user(struct launch *l, const struct guest_user *u)
{
        /* the emulation's model of a new process is root without groups: nothing to ask it */
        if (l->emulating && u->uid == 0 && u->gid == 0 && u->n_groups == 0)
                return set_no_new_privileges(l);
        if (setgroups((size_t)u->n_groups, u->groups) < 0 && !(errno == EPERM && u->n_groups == 0))
                return log_error_errno(-errno, "Failed to set the supplementary groups of %s: %m", u->name);
        if (setresgid(u->gid, u->gid, u->gid) < 0)
                return log_error_errno(-errno, "Failed to change to gid %u: %m", u->gid);
        if (setresuid(u->uid, u->uid, u->uid) < 0)
                return log_error_errno(-errno, "Failed to change to uid %u: %m", u->uid);
        return set_no_new_privileges(l);
}

static _Noreturn void exec_command(void *ctx, struct launch *l, struct command *c)
{
        const char *why;

        if (attach_session(l) < 0 || become_user(l, &c->user) < 0)
                _exit(1);
        execve(c->path, c->argv, c->env);
        why = explain_exec_failure(ctx, c->path, -errno);
        log_error_errno(-errno, "Failed to execute %s in %s: %m%s%s", c->path, l->settings->directory, why ? "; " : "",
                        why ? why : "");
        _exit(errno == ENOENT ? 127 : 126);
}

static int prepare_command(void *ctx, struct launch *l, struct command *c)
{
        int r;

        if ((r = resolve_user(ctx, l, &c->user)) < 0 || (r = build_environment(ctx, l, c)) < 0 ||
            (r = choose_directory(l, c)) < 0)
                return r;
        return find_command(ctx, l, c);
}

/* As PID 1, become the stub init at once (--as-pid2): fork PID 2, which builds the container
 * and runs the command, and replace ourselves by uspawn-init while it does, so that neither
 * the exec nor its hand-shake wait on the container's way to its command. Returns in PID 2. */
static void become_pid1(struct launch *l)
{
        char uuid[sizeof "container_uuid=" + sizeof l->uuid];
        char *env[] = {"container=uspawn", uuid, "PATH=" DEFAULT_PATH, NULL};
        sigset_t old;
        int pair[2];
        pid_t pid;

        if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0) {
                log_error_errno(-errno, "Failed to create a socket pair: %m");
                _exit(1);
        }
        stub_init_prepare(&old);
        pid = fork();
        if (pid < 0) {
                log_error_errno(-errno, "Failed to fork the container's PID 2: %m");
                _exit(1);
        }
        if (pid == 0) {
                close(pair[0]);
                stub_init_child_reset(&old);
                l->pid1_fd = pair[1];
                return;
        }
        close(pair[1]);
        l->sync_fd = safe_close(l->sync_fd); /* PID 2's now */
        /* our root and working directory must be the host's root, which PID 2's pivot_root
         * moves for every process: a working directory elsewhere in the host's tree would keep
         * it reachable through /proc/1/cwd */
        if (chdir("/") < 0) {
                log_error_errno(-errno, "PID 1 failed to change to the host's root: %m");
                _exit(1);
        }
        snprintf(uuid, sizeof uuid, "container_uuid=%s", l->uuid);
        stub_init_exec(pid, env, pair[0]);
        stub_init_handshake(pair[0]); /* no exec: the in-process stub goes on */
        stub_init_run(pid);
}

_Noreturn void container_main(struct launch *l)
{
        void *ctx = talloc_new(NULL);
        struct command c = {0};
        sigset_t empty;
        char ready = SYNC_READY;
        int r;

        /* the supervisor blocked its signals before cloning us; they are not ours to block */
        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        wait_for_maps(l);
        /* the supervisor has put us in our cgroup: make it the root of what we see */
        if (l->cgroup && unshare(CLONE_NEWCGROUP) < 0) {
                log_error_errno(-errno, "Failed to create the container's cgroup namespace: %m");
                _exit(1);
        }
        l->pid1_fd = -EBADF;
        if (l->settings->as_pid2)
                become_pid1(l);

        if (set_identity_names(l->settings) < 0 || build_root(l) < 0 || set_rlimits(l->settings) < 0)
                _exit(1);
        r = prepare_command(ctx, l, &c);
        if (r < 0)
                _exit(r == -ENOENT && !c.path && c.argv ? 127 : r == -EACCES && c.argv ? 126 : 1);
        if (lock_down(l) < 0)
                _exit(1);
        if (l->pid1_fd >= 0 && pid1_wait_ready(l->pid1_fd) < 0)
                _exit(1);
        if (write(l->sync_fd, &ready, 1) != 1)
                _exit(1);
        /* sync_fd stays open until the exec closes it (O_CLOEXEC): the supervisor waits for
         * that, so what it then registers runs its final image (PID 1 has long run its own) */
        exec_command(ctx, l, &c);
}
