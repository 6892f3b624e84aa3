/* The userns backend's orchestrator: id maps decided, console allocated, the container cloned
 * into new user, mount, PID, UTS, IPC (and network) namespaces, its maps written from outside,
 * then the supervisor runs until PID 1 exits. */
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <talloc.h>
#include <unistd.h>

#include "backend.h"
#include "machine.h"
#include "supervise/supervisor.h"
#include "userns/cgroup.h"
#include "supervise/vsyscall.h"
#include "userns/container.h"
#include "userns/net-helper.h"
#include "userns/overlay-scratch.h"
#include "userns/rootemu.h"
#include "userns/seccomp.h"
#include "fakeroot/notify.h"
#include "util/fdpass.h"
#include "util/log.h"

/* The supervisor's hook for the root emulation's listener. */
static void rootemu_serve(void *data)
{
        fakeroot_server_handle(data);
}

static void decide_maps(const struct settings *s, struct idmaps *ret)
{
        idmaps_decide(s->private_users, ret);
        if (ret->why_single)
                log_info("Mapping only root (to uid %u): %s.", (unsigned)getuid(), ret->why_single);
}

static int report_clone_failure(const struct settings *s, int error)
{
        struct host h = {0};

        host_probe_userns(&h);
        size_t len = strlen(h.userns.detail), suffix = strlen(HOST_TRACE_FALLBACK);

        if (h.userns.ok)
                return log_error_errno(error, "Cannot create the container's namespaces: %m; user namespaces work "
                                              "here, so another limit was hit (see uspawnctl check)");
        if (s->backend == BACKEND_AUTO)
                return BACKEND_USERNS_REFUSED; /* backend_run falls back, and says why */
        /* --backend=userns was asked for: do not promise the trace backend */
        if (len >= suffix && streq(h.userns.detail + len - suffix, HOST_TRACE_FALLBACK))
                len -= suffix;
        return log_error_errno(error, "Cannot create the container's namespaces: %m; user namespaces: %.*s", (int)len,
                               h.userns.detail);
}

static pid_t clone_container(const struct settings *s)
{
        unsigned long flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | SIGCHLD;

        if (s->private_network)
                flags |= CLONE_NEWNET;
        /* fork-like clone (no new stack): the child continues here with a copy of our memory */
        return (pid_t)syscall(SYS_clone, flags, NULL, NULL, NULL, NULL);
}

/* Wait until the container has executed its PID 1 and command (their exec closes the socket),
 * or has failed and exited. A traced container stops on the way (exec events), so its stops
 * are served while waiting; so are the root emulation's calls (su before the exec), once its
 * listener has arrived. */
static bool wait_readable(int fd, struct vsyscall_tracer *vsys, struct fakeroot_server *fakeroot)
{
        struct pollfd p[2] = {{.fd = fd, .events = POLLIN}, {.fd = -1, .events = POLLIN}};
        int status;

        if (!fakeroot) {
                if (vsys->active)
                        vsyscall_tracer_wait_fd(vsys, fd);
                return true;
        }
        p[1].fd = fakeroot_server_fd(fakeroot);
        for (;;) {
                if (vsys->active && vsyscall_tracer_dispatch(vsys, &status) != 0)
                        return true;
                if (poll(p, 2, vsys->active ? 10 : -1) < 0 && errno != EINTR)
                        return true;
                if (p[1].revents & POLLIN)
                        fakeroot_server_handle(fakeroot);
                else if (p[1].revents)
                        p[1].fd = -1; /* no filtered process left */
                if (p[0].revents)
                        return true;
        }
}

/* What the container hands over on the sync socket while it starts. */
struct handover {
        void *ctx;
        struct fakeroot_server *fakeroot; /* the root emulation's server, once its listener came */
        struct syslog_relay *syslog;
        struct notify_relay *notify;
};

/* Take one message's socket or listener; fd is closed unless it was kept. */
static void on_message(struct handover *h, const char *buf, ssize_t n, int fd)
{
        if (n == (ssize_t)sizeof(struct sync_socket) && buf[0] == SYNC_SOCKET && fd >= 0) {
                struct host_socket *sock = buf[1] == SYNC_SOCKET_SYSLOG ? &h->syslog->sock
                                           : buf[1] == SYNC_SOCKET_NOTIFY ? &h->notify->sock
                                                                           : NULL;
                if (sock)
                        return host_socket_adopt(sock, fd);
        }
        if (rootemu_on_message(h->ctx, buf, n, fd, &h->fakeroot) == 0)
                safe_close(fd);
}

static void wait_ready(int fd, struct vsyscall_tracer *vsys, struct handover *h)
{
        char c[64];
        ssize_t n;

        do {
                int passed;

                wait_readable(fd, vsys, h->fakeroot);
                n = fd_recv(fd, c, sizeof c, &passed);
                if (n > 0)
                        on_message(h, c, n, passed);
                else
                        safe_close(passed);
        } while (n > 0);
}

/* The default filters were compiled at build time; ones with --system-call-filter entries are
 * compiled here, after the maps are written, so the work overlaps the container's mounts. */
static int send_filter(const struct settings *s, int fd, bool emulate_ids)
{
        _cleanup_free_ void *compiled = NULL;
        const void *bpf;
        size_t len = 0;

        if (s->syscall_filter) {
                int r = seccomp_compile_policy(s->syscall_filter, emulate_ids, &compiled, &len);
                if (r < 0)
                        return log_error_errno(r, "Failed to compile the seccomp filter: %m");
                bpf = compiled;
        } else
                seccomp_default_filter(emulate_ids, &bpf, &len);
        if (send(fd, bpf, len, MSG_NOSIGNAL) == (ssize_t)len)
                return 0;
        /* the container already failed (and said why); its exit status tells the rest */
        if (errno == EPIPE || errno == ECONNRESET)
                return 0;
        return log_error_errno(-errno, "Failed to hand the seccomp filter to the container: %m");
}

/* The policy's filter; under the root emulation, then the one that also stops the emulated
 * calls, which the container loads instead with a listener (the first is its fallback where
 * the kernel has no user notification). */
static int send_filters(const struct settings *s, int fd, bool emulate_ids)
{
        int r = send_filter(s, fd, false);

        if (r < 0 || !emulate_ids)
                return r;
        if (s->emulate_ids == EMULATE_IDS_AUTO)
                log_info("Emulating set*id, chown and mknod, as only root is mapped (--emulate-ids=no turns this "
                         "off).");
        return send_filter(s, fd, true);
}

static int start(const struct settings *s, const struct plan *p, struct launch *l, struct console *console,
                 struct vsyscall_tracer *vsys, struct net_helper *net, struct handover *handover, pid_t *ret_pid)
{
        void *net_ctx = talloc_parent(s); /* lives as long as the settings */
        int pair[2], r;
        struct sync_maps go = {.tag = SYNC_MAPS_WRITTEN};
        pid_t pid = 0;

        if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0)
                return log_error_errno(-errno, "Failed to create a socket pair: %m");
        l->sync_fd = pair[1];
        pid = clone_container(s);
        if (pid < 0) {
                r = -errno;
                close(pair[0]);
                close(pair[1]);
                return report_clone_failure(s, r);
        }
        if (pid == 0) {
                close(pair[0]);
                if (console && console->master >= 0)
                        close(console->master);
                container_main(l);
        }
        close(pair[1]);
        r = vsyscall_tracer_attach(vsys, pid); /* vsyscall: before the container is told to go */
        if (r >= 0 && l->cgroup) {
                r = cgroup_attach(l->cgroup, pid);
                if (r < 0)
                        r = log_error_errno(r, "Failed to move the container into its cgroup %s: %m", l->cgroup);
        }
        if (r >= 0)
                r = idmaps_apply(&l->maps, pid);
        go.maps = l->maps;
        if (r >= 0 && write(pair[0], &go, sizeof go) != (ssize_t)sizeof go)
                r = log_error_errno(-errno, "Failed to start the container: %m");
        /* the network is up before the container may exec (it waits for the filter) */
        if (r >= 0 && s->network_veth)
                r = net_helper_start(net_ctx, s, pid, net);
        if (r < 0) {
                kill(pid, SIGKILL);
                waitpid(pid, NULL, 0);
                close(pair[0]);
                return r;
        }
        r = send_filters(s, pair[0], rootemu_wanted(s, &l->maps));
        if (r < 0) {
                kill(pid, SIGKILL);
                waitpid(pid, NULL, 0);
                close(pair[0]);
                return r;
        }
        wait_ready(pair[0], vsys, handover);
        close(pair[0]);
        *ret_pid = pid;
        return 0;
}

/* A booted init gets a cgroup of its own when ours is delegated to us; systemd cannot boot
 * without one, other inits do not care. */
static int prepare_cgroup(const struct settings *s, struct launch *l)
{
        char *dir = NULL;
        int r;

        if (!s->boot)
                return 0;
        r = cgroup_create_payload((void *)s, s->machine, &dir);
        if (r >= 0) {
                l->cgroup = dir;
                return 0;
        }
        if (s->init.kind == INIT_SYSTEMD)
                return log_error_errno(r, "systemd needs a cgroup of its own to boot, and uspawn's cgroup is not "
                                          "delegated to you: run it as a user service with Delegate=yes "
                                          "(uspawn@.service), or under systemd-run --user --scope -p Delegate=yes");
        return 0;
}

static void notify_send_ready(const struct settings *s)
{
        char msg[256];

        snprintf(msg, sizeof msg, "READY=1\nSTATUS=Container %s running.\n", s->machine);
        notify_send(msg);
}

static int userns_run(const struct settings *s, const struct plan *p)
{
        struct launch l = {.settings = s, .plan = p};
        struct console console = {.master = -EBADF};
        struct syslog_relay syslog = {.sock = {.fd = -EBADF}, .out_fd = 2};
        struct notify_relay notify = {.sock = {.fd = -EBADF}};
        struct vsyscall_tracer vsys;
        struct net_helper net = NET_HELPER_INIT;
        struct handover handover = {.ctx = talloc_parent(s), .syslog = &syslog, .notify = &notify};
        sigset_t set, old;
        pid_t pid = 0;
        _cleanup_close_ int lock = machine_lock(s), userns = -EBADF;
        bool registered = false;
        int r;

        if (lock < 0 && lock != -EBADF)
                return lock;

        if (s->network_veth && (r = net_ports_check(s)) < 0)
                return r;
        decide_maps(s, &l.maps);
        machine_choose_uuid(s, l.uuid);
        if (p->console_pty) {
                r = console_open(&console, s->console == CONSOLE_INTERACTIVE,
                                 s->console == CONSOLE_INTERACTIVE || s->console == CONSOLE_READ_ONLY);
                if (r < 0)
                        return log_error_errno(
                                r, "Failed to allocate a pseudo-terminal for the console: %m; use --console=pipe");
                l.console_slave = console.slave;
        }
        r = syslog_relay_init(&syslog, s->machine, s->log_file);
        if (r < 0)
                return log_error_errno(r, "Failed to open --log-file=%s: %m", s->log_file);
        l.syslog = true;
        notify_relay_init(&notify, s->machine);
        l.notify = s->notify_ready;
        if (s->boot)
                log_info("Booting %s from %s.", init_kind_to_string(s->init.kind), s->init.path);
        if (s->console == CONSOLE_INTERACTIVE)
                log_info("Spawning container %s on %s.\nPress ^] three times within 1s to kill container.", s->machine,
                         s->root);
        r = overlay_scratch_create(s);
        if (r >= 0 && (r = prepare_cgroup(s, &l)) < 0)
                overlay_cleanup(s, -EBADF);
        if (r < 0) {
                syslog_relay_close(&syslog);
                notify_relay_close(&notify);
                console_close(&console);
                return r;
        }
        vsyscall_tracer_init(&vsys, s->vsyscall);
        supervisor_signal_set(&set);
        sigprocmask(SIG_BLOCK, &set, &old);
        r = start(s, p, &l, p->console_pty ? &console : NULL, &vsys, &net, &handover, &pid);
        if (r >= 0) {
                char ns[64];
                snprintf(ns, sizeof ns, "/proc/%d/ns/user", (int)pid);
                userns = open(ns, O_RDONLY | O_CLOEXEC); /* kept: overlay_cleanup removes as the container */
                registered = lock >= 0 && machine_register(s, "userns", pid, l.uuid, net.addresses, handover.fakeroot != NULL);
                if (!s->notify_ready)
                        notify_send_ready(s);
                console_enter_raw(&console);
                struct supervisor_hook hook = {.fd = handover.fakeroot ? fakeroot_server_fd(handover.fakeroot) : -EBADF,
                                               .on_ready = rootemu_serve, .data = handover.fakeroot};
                r = supervisor_run_hooked(s, pid, p->console_pty ? &console : NULL,
                                          syslog.sock.fd >= 0 ? &syslog : NULL, notify.sock.fd >= 0 ? &notify : NULL,
                                          vsys.active ? &vsys : NULL, s->network_veth ? &net : NULL, &hook);
        }
        talloc_free(handover.fakeroot);
        net_helper_stop(&net);
        syslog_relay_close(&syslog);
        notify_relay_close(&notify);
        console_close(&console);
        if (registered)
                machine_unregister(s);
        if (l.cgroup)
                cgroup_remove(l.cgroup);
        overlay_cleanup(s, userns);
        sigprocmask(SIG_SETMASK, &old, NULL);
        return r;
}

const struct backend backend_userns = {.name = "userns", .run = userns_run};
