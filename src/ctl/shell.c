/* `uspawnctl shell NAME [CMD [ARGS...]]`: run CMD (root's login shell by default) inside a
 * running machine and return its status (128+N for signal N). We stay outside and, when stdin
 * and stdout are a terminal, relay it to a pty allocated in the machine's own devpts (so
 * `tty` says /dev/pts/N inside), as the supervisor relays the console. */
#include "ctl/shell.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <talloc.h>
#include <unistd.h>

#include "ctl/ctl.h"
#include "fakeroot/notify.h"
#include "supervise/console.h"
#include "userns/rootemu.h"
#include "util/log.h"
#include "util/macro.h"
#include "util/talloc-util.h"

/* The master in the machine's devpts instance (reached through /proc/LEADER/root), and its
 * slave through TIOCGPTPEER, so we never resolve a path inside the machine for the slave. */
static int open_pty(const struct machine_record *m, struct console *c, int *ret_slave)
{
        static const char *const ptmx[] = {"dev/pts/ptmx", "dev/ptmx"};
        int r = -ENOENT, fd = -EBADF;

        *c = (struct console){.master = -EBADF, .relay_input = true, .relay_output = true};
        for (size_t i = 0; i < ELEMENTSOF(ptmx) && fd < 0; i++) {
                char path[64];
                snprintf(path, sizeof path, "/proc/%d/root/%s", (int)m->leader, ptmx[i]);
                fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
                if (fd < 0)
                        r = -errno;
        }
        if (fd < 0)
                return log_error_errno(r, "Failed to allocate a pty in machine '%s' (/dev/pts/ptmx): %m", m->name);
        c->master = fd;
        if (unlockpt(fd) < 0 || (*ret_slave = ioctl(fd, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0) {
                r = -errno;
                c->master = safe_close(c->master);
                return log_error_errno(r, "Failed to open the pty's slave in machine '%s': %m", m->name);
        }
        console_sync_size(c);
        return 0;
}

static int exit_code(int status)
{
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The pty keeps what the command wrote last until we read it: copy until every slave is
 * closed, or nothing came for a tenth of a second (a background process may keep it open). */
static void drain(struct console *c)
{
        struct pollfd p = {.fd = c->master, .events = POLLIN};

        while (poll(&p, 1, 100) > 0)
                if (console_forward_output(c) < 0)
                        break;
}

/* Relay until the command exits: signals (forwarded, SIGWINCH followed), with a pty the
 * terminal both ways, and with fr the root emulation's calls. Returns the command's exit code. */
static int relay(struct console *c, int sfd, pid_t pid, struct fakeroot_server *fr)
{
        bool input = c && c->master >= 0, output = input, emulate = fr;
        int status;

        if (waitpid(pid, &status, WNOHANG) == pid) /* it may have been quick */
                return output ? (drain(c), exit_code(status)) : exit_code(status);
        for (;;) {
                struct pollfd p[4] = {{.fd = sfd, .events = POLLIN},
                                      {.fd = input ? STDIN_FILENO : -1, .events = POLLIN},
                                      {.fd = output ? c->master : -1, .events = POLLIN},
                                      {.fd = emulate ? fakeroot_server_fd(fr) : -1, .events = POLLIN}};
                struct signalfd_siginfo si;

                if (poll(p, 4, -1) < 0 && errno != EINTR)
                        return log_error_errno(-errno, "Failed to wait for the command: %m");
                if (p[3].revents & POLLIN)
                        (void)fakeroot_server_handle(fr);
                else if (p[3].revents)
                        emulate = false; /* no filtered process left */
                if (p[2].revents && console_forward_output(c) < 0)
                        output = false;
                if (p[1].revents) {
                        int r = console_forward_input(c);
                        if (r == 1) { /* ^] ^] ^]: hang up the session */
                                kill(-pid, SIGHUP);
                                kill(-pid, SIGCONT);
                        }
                        if (r != 0)
                                input = false;
                }
                if (!(p[0].revents & POLLIN) || read(sfd, &si, sizeof si) != (ssize_t)sizeof si)
                        continue;
                if (si.ssi_signo == SIGWINCH && c)
                        console_sync_size(c);
                else if (si.ssi_signo != SIGCHLD && si.ssi_signo != SIGWINCH)
                        kill(pid, (int)si.ssi_signo);
                else if (si.ssi_signo == SIGCHLD && waitpid(pid, &status, WNOHANG) == pid) {
                        if (output)
                                drain(c);
                        return exit_code(status);
                }
        }
}

/* Fork the child that joins the machine; returns the command's pid (a child of ours once the
 * joining child has exited, as we are a subreaper) or the joining child's failure. */
static int start(void *ctx, struct shell_target *t, pid_t *ret_pid)
{
        _cleanup_close_ int rfd = -EBADF;
        int p[2], status;
        pid_t child, pid;
        ssize_t n;

        if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0 || pipe2(p, O_CLOEXEC) < 0)
                return log_error_errno(-errno, "Failed to prepare the command's process: %m");
        child = fork();
        if (child < 0)
                return log_error_errno(-errno, "Failed to fork: %m");
        if (child == 0) {
                close(p[0]);
                shell_enter(ctx, t, p[1]);
        }
        close(p[1]);
        rfd = p[0];
        do
                n = read(rfd, &pid, sizeof pid);
        while (n < 0 && errno == EINTR);
        while (waitpid(child, &status, 0) < 0 && errno == EINTR)
                ;
        if (n != (ssize_t)sizeof pid)
                return -ECHILD; /* the child has said why */
        *ret_pid = pid;
        return 0;
}

/* The machine's processes are under root emulation: so is the command (its filter compiled
 * here, installed by the command last, the listener sent back over sock). */
static int rootemu_prepare(struct shell_target *t, void **bpf, int sock[2])
{
        int r = fakeroot_compile_filter(bpf, &t->rootemu_len);

        if (r < 0)
                return log_error_errno(r, "Failed to compile the root emulation's seccomp filter: %m");
        if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sock) < 0)
                return log_error_errno(-errno, "Failed to create a socket pair: %m");
        t->rootemu_bpf = *bpf;
        t->rootemu_sock = sock[1];
        sock[1] = -EBADF;
        return 0;
}

/* Take the command's listener and serve it (its ids and owners are the machine's model). */
static int rootemu_serve(void *ctx, int sock, pid_t pid, struct fakeroot_server **ret)
{
        int listener = rootemu_recv_listener(sock);

        if (listener < 0) {
                kill(pid, SIGKILL);
                return listener == -EPIPE ? -ECHILD : log_error_errno(listener, "No root emulation for the command: %m");
        }
        return fakeroot_server_new(ctx, listener, ret);
}

int verb_shell(const struct ctl_args *a, int argc, char **argv)
{
        static const int relayed[] = {SIGCHLD, SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT};
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        _cleanup_close_ int pidfd = -EBADF, sfd = -EBADF;
        struct shell_target t = {.rootfd = -EBADF, .rootemu_sock = -EBADF};
        _cleanup_free_ void *bpf = NULL;
        int sock[2] = {-EBADF, -EBADF};
        struct fakeroot_server *fr = NULL;
        struct console c = {.master = -EBADF};
        struct machine_record m;
        sigset_t set;
        pid_t pid = 0;
        int r;

        if (argc < 2)
                return log_error_errno(-EINVAL, "'shell' needs a machine name; see uspawnctl list");
        if ((r = ctl_load_machine(ctx, argv[1], &m)) < 0 || (pidfd = ctl_open_leader(&m)) < 0)
                return r < 0 ? r : pidfd;
        r = shell_open_target(ctx, &m, pidfd, &t);
        t.argv = argc > 2 ? argv + 2 : NULL;
        t.term = getenv("TERM");
        if (r >= 0 && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
                r = open_pty(&m, &c, &t.tty);
        if (r < 0)
                goto out;
        sigemptyset(&set);
        for (size_t i = 0; i < ELEMENTSOF(relayed); i++)
                sigaddset(&set, relayed[i]);
        sigprocmask(SIG_BLOCK, &set, NULL);
        sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
        if (sfd < 0) {
                r = log_error_errno(-errno, "Failed to create a signalfd: %m");
                goto out;
        }
        if (m.emulate_ids && (r = rootemu_prepare(&t, &bpf, sock)) < 0)
                goto out;
        r = start(ctx, &t, &pid);
        t.tty = safe_close(t.tty); /* only the command holds the slave */
        t.rootemu_sock = safe_close(t.rootemu_sock);
        if (r >= 0 && m.emulate_ids)
                r = rootemu_serve(ctx, sock[0], pid, &fr);
        if (r >= 0) {
                console_enter_raw(&c);
                r = relay(c.master >= 0 ? &c : NULL, sfd, pid, fr);
        }
out:
        safe_close(sock[0]);
        safe_close(sock[1]);
        console_close(&c);
        shell_close_target(&t);
        return r;
}
