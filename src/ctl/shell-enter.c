/* The child side of `uspawnctl shell`: join the machine's user namespace first (we own it, so
 * we get every capability inside), then its other namespaces and root; fork so the command is
 * in the PID namespace; give it root's environment, a new session (on the pty when there is
 * one), the machine's bounding set, no_new_privs and seccomp filter (and its root emulation's),
 * and execute it. */
#include "ctl/shell.h"

#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "fakeroot/notify.h"
#include "userns/caps.h"
#include "userns/rootemu.h"
#include "userns/seccomp.h"
#include "userns/user.h"
#include "util/log.h"
#include "util/macro.h"
#include "util/strv.h"

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

static const int ns_types[_SHELL_NS_MAX] = {
        [SHELL_NS_USER] = CLONE_NEWUSER,     [SHELL_NS_MNT] = CLONE_NEWNS,  [SHELL_NS_PID] = CLONE_NEWPID,
        [SHELL_NS_UTS] = CLONE_NEWUTS,       [SHELL_NS_IPC] = CLONE_NEWIPC, [SHELL_NS_NET] = CLONE_NEWNET,
        [SHELL_NS_CGROUP] = CLONE_NEWCGROUP,
};

static int join(struct shell_target *t)
{
        for (int i = 0; i < _SHELL_NS_MAX; i++) /* SHELL_NS_USER is first */
                if (t->ns[i] >= 0 && setns(t->ns[i], ns_types[i]) < 0)
                        return log_error_errno(-errno, "Failed to join namespace %d of machine '%s': %m", i,
                                               t->m->name);
        /* setns(mnt) put us at that namespace's root; the leader's own root is the one to use */
        if (fchdir(t->rootfd) < 0 || chroot(".") < 0 || chdir("/") < 0)
                return log_error_errno(-errno, "Failed to enter the root of machine '%s': %m", t->m->name);
        return 0;
}

static int build_env(void *ctx, struct shell_target *t, const struct guest_user *u, char ***ret)
{
        char **env = NULL;
        int r = 0;

        for (char **e = t->leader_env; e && *e && r >= 0; e++)
                r = strv_append(ctx, &env, *e);
        if (r >= 0 && !strv_env_get(env, "PATH"))
                r = strv_env_set(ctx, &env, "PATH=" DEFAULT_PATH);
        if (r >= 0 && t->term)
                r = strv_env_set(ctx, &env, talloc_asprintf(ctx, "TERM=%s", t->term));
        if (r >= 0)
                r = strv_env_set(ctx, &env, talloc_asprintf(ctx, "HOME=%s", u->home));
        if (r >= 0)
                r = strv_env_set(ctx, &env, talloc_asprintf(ctx, "USER=%s", u->name));
        if (r >= 0)
                r = strv_env_set(ctx, &env, talloc_asprintf(ctx, "LOGNAME=%s", u->name));
        if (r >= 0)
                r = strv_env_set(ctx, &env, talloc_asprintf(ctx, "SHELL=%s", u->shell));
        if (r < 0)
                return log_error_errno(r, "Failed to build the environment: %m");
        *ret = env;
        return 0;
}

/* A new session; with a pty, its slave as the controlling terminal and stdio. */
static int attach_session(struct shell_target *t)
{
        if (setsid() < 0)
                return log_error_errno(-errno, "Failed to start a new session: %m");
        if (t->tty < 0)
                return 0;
        if (ioctl(t->tty, TIOCSCTTY, 0) < 0)
                return log_error_errno(-errno, "Failed to make the pty the controlling terminal: %m");
        for (int i = 0; i < 3; i++)
                if (dup2(t->tty, i) < 0)
                        return log_error_errno(-errno, "Failed to attach the pty: %m");
        t->tty = safe_close(t->tty);
        return 0;
}

/* Root inside, without the host's supplementary groups (refused, and harmless, when the
 * machine maps only root: setgroups is denied there). */
static int become_root(void)
{
        if (setgroups(0, NULL) < 0 && errno != EPERM)
                return log_error_errno(-errno, "Failed to drop the supplementary groups: %m");
        if (setresgid(0, 0, 0) < 0 && errno != EINVAL)
                return log_error_errno(-errno, "Failed to change to gid 0: %m");
        if (setresuid(0, 0, 0) < 0)
                return log_error_errno(-errno, "Failed to change to uid 0 in the machine: %m");
        return 0;
}

/* The machine's own restrictions, so the shell can do no more than the container could. */
static int lock_down(const struct machine_record *m)
{
        _cleanup_free_ void *own = NULL;
        const void *bpf;
        size_t len;
        int r;

        r = caps_apply_bounding_set(m->caps_keep);
        if (r < 0)
                return log_error_errno(r, "Failed to set the capability bounding set: %m");
        if (m->no_new_privileges && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
                return log_error_errno(-errno, "Failed to set no_new_privs: %m");
        if (m->syscall_filter) {
                r = seccomp_compile_policy(m->syscall_filter, false, &own, &len);
                if (r < 0)
                        return log_error_errno(r, "Failed to compile the seccomp filter of machine '%s': %m", m->name);
                bpf = own;
        } else
                seccomp_default_filter(false, &bpf, &len);
        r = seccomp_install(bpf, len);
        if (r < 0)
                return log_error_errno(r, "Failed to load the seccomp filter: %m");
        return 0;
}

/* Under the machine's root emulation, as its own processes are: the notifying filter last, its
 * listener handed to uspawnctl, which serves it while the command runs. */
static int emulate_ids(struct shell_target *t)
{
        int listener, r;

        if (!t->rootemu_bpf)
                return 0;
        listener = fakeroot_install_filter(t->rootemu_bpf, t->rootemu_len);
        if (listener < 0) {
                (void)rootemu_send_listener(t->rootemu_sock, -EBADF, -listener);
                return log_error_errno(listener, "Cannot emulate root's ids as machine '%s' does (seccomp user "
                                                 "notification: %m)", t->m->name);
        }
        r = rootemu_send_listener(t->rootemu_sock, listener, 0);
        close(listener);
        t->rootemu_sock = safe_close(t->rootemu_sock);
        if (r < 0)
                return log_error_errno(r, "Failed to hand the root emulation's listener to uspawnctl: %m");
        return 0;
}

/* execve, looking name up in env's PATH when it has no slash. Returns -errno. */
static int exec_search(void *ctx, const char *name, char **argv, char **env)
{
        const char *path = strv_env_get(env, "PATH");
        int r = -ENOENT;

        if (strchr(name, '/')) {
                execve(name, argv, env);
                return -errno;
        }
        for (const char *p = path ? path : DEFAULT_PATH; p; p = strchr(p, ':') ? strchr(p, ':') + 1 : NULL) {
                size_t n = strcspn(p, ":");
                char *full = talloc_asprintf(ctx, "%.*s/%s", (int)n, n ? p : ".", name);

                execve(full, argv, env);
                if (errno != ENOENT && errno != ENOTDIR)
                        r = -errno; /* remember EACCES, go on looking */
        }
        return r;
}

static _Noreturn void exec_command(void *ctx, struct shell_target *t)
{
        struct guest_user u;
        char **env = NULL, **argv = t->argv, *login[2];
        const char *name;
        sigset_t empty;
        struct stat st;
        int r;

        if (guest_user_resolve(ctx, "/etc", NULL, &u) < 0)
                u = (struct guest_user){.name = "root", .home = "/root", .shell = "/bin/sh"};
        if (streq(u.name, "0"))
                u.name = "root";
        if (build_env(ctx, t, &u, &env) < 0 || attach_session(t) < 0 || become_root() < 0)
                _exit(1);
        if (chdir(stat(u.home, &st) == 0 && S_ISDIR(st.st_mode) ? u.home : "/") < 0)
                (void)!chdir("/");
        if (!argv) { /* a login shell: argv[0] is "-" and the shell's base name */
                const char *base = strrchr(u.shell, '/');
                login[0] = talloc_asprintf(ctx, "-%s", base ? base + 1 : u.shell);
                login[1] = NULL;
                argv = login;
        }
        name = t->argv ? t->argv[0] : u.shell;
        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        if (lock_down(t->m) < 0 || emulate_ids(t) < 0)
                _exit(1);
        r = exec_search(ctx, name, argv, env);
        log_error_errno(r, "Failed to execute %s in machine '%s': %m", name, t->m->name);
        _exit(r == -ENOENT ? 127 : 126);
}

_Noreturn void shell_enter(void *ctx, struct shell_target *t, int pid_fd)
{
        pid_t pid;

        if (join(t) < 0)
                _exit(1);
        pid = fork();
        if (pid < 0) {
                log_error_errno(-errno, "Failed to fork into machine '%s': %m", t->m->name);
                _exit(1);
        }
        if (pid == 0) {
                close(pid_fd);
                exec_command(ctx, t);
        }
        /* our parent is a subreaper: the command becomes its child when we exit */
        if (write(pid_fd, &pid, sizeof pid) != (ssize_t)sizeof pid) {
                kill(pid, SIGKILL);
                _exit(1);
        }
        _exit(0);
}
