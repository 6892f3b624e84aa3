/* Starting and ending the network helper of a -n container. pasta (or slirp4netns) runs as our
 * child in our namespaces and joins the container's user and network namespaces itself; it
 * signals readiness on a pipe (pasta writes its pid file there once host0 is configured,
 * slirp4netns writes to --ready-fd), dies with uspawn through PR_SET_PDEATHSIG (slirp4netns also
 * through --exit-fd), and its stderr goes to a memfd so its last message can become ours. */
#include "userns/net-helper.h"

#include <fcntl.h>
#include <json.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <talloc.h>
#include <unistd.h>

#include "host.h"
#include "network.h"
#include "registry.h"
#include "util/log.h"
#include "util/macro.h"
#include "util/strv.h"

#define READY_TIMEOUT_MS 10000
#define CHILD_READY_FD 3 /* the helper's pid file (pasta) or --ready-fd (slirp4netns) */
#define CHILD_EXIT_FD 4  /* slirp4netns's --exit-fd */

/* pasta's -t/-u value: "none", or "8080:80,5353:53". */
static char *pasta_ports(void *ctx, const struct settings *s, int protocol)
{
        char *list = NULL;

        for (unsigned i = 0; i < s->n_ports; i++) {
                const struct port_spec *p = &s->ports[i];
                if (p->protocol != protocol)
                        continue;
                list = list ? talloc_asprintf_append(list, ",%u:%u", p->host_port, p->container_port)
                            : talloc_asprintf(ctx, "%u:%u", p->host_port, p->container_port);
        }
        return list ? list : talloc_strdup(ctx, "none");
}

/* No -T/-U: pasta would otherwise forward the host's bound ports into the container's loopback;
 * the host's loopback stays reachable through the gateway address (pasta's mapping). */
static char **pasta_argv(void *ctx, const struct settings *s, const char *path, pid_t pid)
{
        const struct network_helper_info *info = network_helper_info(NETWORK_HELPER_PASTA);
        const char *args[] = {path,
                              "--config-net",
                              "--foreground",
                              "--quiet",
                              "--ns-ifname",
                              info->interface,
                              "--dns-forward",
                              info->dns,
                              "--tcp-ports",
                              pasta_ports(ctx, s, IPPROTO_TCP),
                              "--udp-ports",
                              pasta_ports(ctx, s, IPPROTO_UDP),
                              "--tcp-ns",
                              "none",
                              "--udp-ns",
                              "none",
                              "--pid",
                              "/proc/self/fd/3",
                              talloc_asprintf(ctx, "%d", (int)pid)};
        char **argv = NULL;

        for (size_t i = 0; i < ELEMENTSOF(args); i++)
                strv_append(ctx, &argv, args[i]);
        return argv;
}

static char **slirp4netns_argv(void *ctx, const char *path, pid_t pid, const char *api_socket)
{
        const char *args[] = {path,
                              "--configure",
                              "--mtu=65520",
                              "--ready-fd=3",
                              "--exit-fd=4",
                              talloc_asprintf(ctx, "--api-socket=%s", api_socket),
                              talloc_asprintf(ctx, "--userns-path=/proc/%d/ns/user", (int)pid),
                              talloc_asprintf(ctx, "%d", (int)pid),
                              network_helper_info(NETWORK_HELPER_SLIRP4NETNS)->interface};
        char **argv = NULL;

        for (size_t i = 0; i < ELEMENTSOF(args); i++)
                strv_append(ctx, &argv, args[i]);
        return argv;
}

/* In the forked child: fds in place, signals as a fresh process has them, and death with
 * uspawn. Leaves only through exec or _exit. */
static _Noreturn void exec_helper(char **argv, pid_t parent, int log_fd, int ready_w, int exit_r, int cwd)
{
        sigset_t empty;
        int null;

        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
                _exit(1);
        if (cwd >= 0 && fchdir(cwd) < 0)
                _exit(1);
        /* out of the way of the numbers they go to */
        log_fd = fcntl(log_fd, F_DUPFD_CLOEXEC, 10);
        ready_w = fcntl(ready_w, F_DUPFD_CLOEXEC, 10);
        exit_r = exit_r >= 0 ? fcntl(exit_r, F_DUPFD_CLOEXEC, 10) : -EBADF;
        null = open("/dev/null", O_RDWR | O_CLOEXEC);
        if (log_fd < 0 || ready_w < 0 || null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(log_fd, 2) < 0 ||
            dup2(ready_w, CHILD_READY_FD) < 0 || (exit_r >= 0 && dup2(exit_r, CHILD_EXIT_FD) < 0))
                _exit(1);
        execv(argv[0], argv);
        dprintf(2, "cannot execute %s: %s\n", argv[0], strerror(errno));
        _exit(127);
}

/* The helper's last message, without the noise of a missing syslog socket. */
static void last_message(int log_fd, char *buf, size_t size)
{
        char text[8192];
        ssize_t n = log_fd >= 0 ? pread(log_fd, text, sizeof text - 1, 0) : -1;
        char *save = NULL;

        snprintf(buf, size, "no message");
        if (n <= 0)
                return;
        text[n] = '\0';
        log_debug("The network helper said: %s", text);
        for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
                if (*l && !startswith(l, "Failed to send") && !startswith(l, "WARNING: Support for IPv6"))
                        snprintf(buf, size, "%s", l);
}

static void describe_status(int status, char *buf, size_t size)
{
        if (WIFEXITED(status))
                snprintf(buf, size, "status %d", WEXITSTATUS(status));
        else
                snprintf(buf, size, "signal %s", sigabbrev_np(WTERMSIG(status)) ?: "?");
}

/* Wait for the ready byte. On EOF or timeout the helper failed: reap it and say what it said. */
static int wait_ready(struct net_helper *h, int ready_r, const char *name)
{
        struct pollfd p = {.fd = ready_r, .events = POLLIN};
        char buf[64], msg[512], how[64];
        int n, status = 0;

        do
                n = poll(&p, 1, READY_TIMEOUT_MS);
        while (n < 0 && errno == EINTR);
        if (n > 0 && read(ready_r, buf, sizeof buf) > 0)
                return 0;
        if (n == 0)
                kill(h->pid, SIGKILL);
        waitpid(h->pid, &status, 0);
        h->pid = 0;
        last_message(h->log_fd, msg, sizeof msg);
        if (n == 0)
                return log_error_errno(-ETIMEDOUT, "%s did not connect the container's network within %d s: %s", name,
                                       READY_TIMEOUT_MS / 1000, msg);
        describe_status(status, how, sizeof how);
        return log_error_errno(-EIO, "%s could not connect the container's network (%s): %s", name, how, msg);
}

/* slirp4netns publishes ports through its API socket: one add_hostfwd request each. */
static int slirp4netns_add_port(const struct net_helper *h, const struct port_spec *p, char *why, size_t size)
{
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        _cleanup_close_ int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        char req[256], reply[500];
        json_object *o, *err;
        ssize_t n;
        int len;

        /* a sun_path holds 107 characters: reach the socket through the directory's fd */
        snprintf(sa.sun_path, sizeof sa.sun_path, "/proc/self/fd/%d/%s", h->api_dir, h->api_socket);
        len = snprintf(req, sizeof req,
                       "{\"execute\": \"add_hostfwd\", \"arguments\": {\"proto\": \"%s\", \"host_addr\": \"0.0.0.0\", "
                       "\"host_port\": %u, \"guest_port\": %u}}",
                       p->protocol == IPPROTO_UDP ? "udp" : "tcp", p->host_port, p->container_port);
        if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || write(fd, req, (size_t)len) != len) {
                snprintf(why, size, "its API socket %s: %s", h->api_socket, strerror(errno));
                return -errno;
        }
        shutdown(fd, SHUT_WR);
        n = read(fd, reply, sizeof reply - 1);
        reply[n > 0 ? n : 0] = '\0';
        o = json_tokener_parse(reply);
        if (o && !json_object_object_get_ex(o, "error", &err)) {
                json_object_put(o);
                return 0;
        }
        snprintf(why, size, "%s", o ? json_object_to_json_string(err) : reply);
        json_object_put(o);
        return -EIO;
}

static int slirp4netns_publish(const struct settings *s, struct net_helper *h)
{
        char why[512], spec[64];

        for (unsigned i = 0; i < s->n_ports; i++)
                if (slirp4netns_add_port(h, &s->ports[i], why, sizeof why) < 0) {
                        port_spec_format(&s->ports[i], spec, sizeof spec);
                        return log_error_errno(-EIO, "slirp4netns could not publish port %s: %s", spec, why);
                }
        return 0;
}

static int spawn(struct net_helper *h, char **argv, int ready_w, int exit_r)
{
        pid_t parent = getpid(), pid = fork();

        if (pid < 0)
                return log_error_errno(-errno, "Failed to start %s: %m", argv[0]);
        if (pid == 0)
                exec_helper(argv, parent, h->log_fd, ready_w, exit_r, h->api_dir);
        h->pid = pid;
        return 0;
}

/* Both helpers open /dev/net/tun in our name: say so when they could not, with the remedy. */
static int check_tun(void)
{
        _cleanup_close_ int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NOCTTY);
        struct stat st;

        if (fd >= 0)
                return 0;
        if ((errno == EACCES || errno == EPERM) && stat("/dev/net/tun", &st) == 0)
                return log_error_errno(-errno,
                                       "Cannot open /dev/net/tun (mode %04o, owner uid %u), which -n/--network-veth needs: "
                                       "an admin can restore Debian's mode with chmod 0666 /dev/net/tun",
                                       st.st_mode & 07777, (unsigned)st.st_uid);
        return log_error_errno(-errno, "Cannot open /dev/net/tun, which -n/--network-veth needs: %m (modprobe tun)");
}

int net_helper_start(void *ctx, const struct settings *s, pid_t pid, struct net_helper *h)
{
        const struct network_helper_info *info = network_helper_info(s->network_helper);
        _cleanup_close_ int ready_r = -EBADF, ready_w = -EBADF, exit_r = -EBADF;
        char path[4096], dir[4096];
        char **argv;
        int fds[2], r;

        h->kind = s->network_helper;
        if (host_find_program(info->program, path, sizeof path) < 0)
                return log_error_errno(-ENOENT, "%s is not installed: apt-get install %s", info->program,
                                       info->package);
        if ((r = check_tun()) < 0)
                return r;
        h->log_fd = memfd_create("uspawn-network-helper", MFD_CLOEXEC);
        if (h->log_fd < 0 || pipe2(fds, O_CLOEXEC) < 0)
                return log_error_errno(-errno, "Failed to prepare %s: %m", info->program);
        ready_r = fds[0];
        ready_w = fds[1];
        if (h->kind == NETWORK_HELPER_PASTA)
                argv = pasta_argv(ctx, s, path, pid);
        else {
                if ((r = registry_dir(dir, sizeof dir)) < 0)
                        return log_error_errno(r, "No runtime directory for slirp4netns's API socket: %m");
                h->api_dir = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
                if (h->api_dir < 0)
                        return log_error_errno(-errno, "Failed to open %s for slirp4netns's API socket: %m", dir);
                h->api_socket = talloc_asprintf(ctx, ".slirp4netns-%d.sock", (int)getpid());
                unlinkat(h->api_dir, h->api_socket, 0);
                if (pipe2(fds, O_CLOEXEC) < 0)
                        return log_error_errno(-errno, "Failed to prepare slirp4netns: %m");
                exit_r = fds[0];
                h->exit_fd = fds[1];
                argv = slirp4netns_argv(ctx, path, pid, h->api_socket);
        }
        if ((r = spawn(h, argv, ready_w, exit_r)) < 0)
                return r;
        ready_w = safe_close(ready_w);
        exit_r = safe_close(exit_r);
        if ((r = wait_ready(h, ready_r, info->program)) < 0)
                return r;
        if (h->kind == NETWORK_HELPER_SLIRP4NETNS && (r = slirp4netns_publish(s, h)) < 0)
                return r;
        r = net_read_addresses(ctx, pid, info->interface, &h->addresses);
        if (r < 0)
                log_warning_errno(r, "Cannot read the container's addresses for uspawnctl status: %m");
        return 0;
}

void net_helper_reap(struct net_helper *h, const char *machine)
{
        char msg[512], how[64];
        int status;
        pid_t r;

        if (h->pid <= 0)
                return;
        r = waitpid(h->pid, &status, WNOHANG);
        if (r == 0 || (r < 0 && errno != ECHILD))
                return;
        h->pid = 0;
        last_message(h->log_fd, msg, sizeof msg);
        if (r > 0)
                describe_status(status, how, sizeof how);
        else /* reaped by the vsyscall tracer's waitpid(-1) */
                snprintf(how, sizeof how, "status unknown");
        log_warning("%s, the network helper of %s, exited (%s: %s); the container has no network now.",
                    network_helper_info(h->kind)->program, machine, how, msg);
}

void net_helper_stop(struct net_helper *h)
{
        if (h->pid > 0) {
                kill(h->pid, SIGKILL);
                waitpid(h->pid, NULL, 0);
                h->pid = 0;
        }
        h->exit_fd = safe_close(h->exit_fd);
        h->log_fd = safe_close(h->log_fd);
        if (h->api_socket && h->api_dir >= 0)
                unlinkat(h->api_dir, h->api_socket, 0);
        h->api_dir = safe_close(h->api_dir);
}
