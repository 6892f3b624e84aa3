/* What the host and the container's network namespace say: whether a -p host port can be
 * bound here (checked before anything starts), and the container's addresses (read from inside
 * its namespaces by a forked child, for the registry). */
#include <fcntl.h>
#include <ifaddrs.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <talloc.h>
#include <unistd.h>

#include "network.h"
#include "userns/net-helper.h"
#include "util/log.h"
#include "util/macro.h"
#include "util/strv.h"

static long unprivileged_port_start(void)
{
        char buf[32];
        long v = 1024;
        FILE *f = fopen("/proc/sys/net/ipv4/ip_unprivileged_port_start", "re");

        if (f && fgets(buf, sizeof buf, f))
                v = strtol(buf, NULL, 10);
        if (f)
                fclose(f);
        return v;
}

/* Bind the port on the wildcard address as the helper will (IPv6 with IPv4 mapped, else IPv4). */
static int try_bind(const struct port_spec *p)
{
        int type = (p->protocol == IPPROTO_UDP ? SOCK_DGRAM : SOCK_STREAM) | SOCK_CLOEXEC, one = 1, zero = 0;
        _cleanup_close_ int fd = socket(AF_INET6, type, 0);
        struct sockaddr_in6 a6 = {.sin6_family = AF_INET6, .sin6_port = htons(p->host_port), .sin6_addr = in6addr_any};
        struct sockaddr_in a4 = {.sin_family = AF_INET, .sin_port = htons(p->host_port)};

        if (fd >= 0) {
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
                setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
                return bind(fd, (struct sockaddr *)&a6, sizeof a6) < 0 ? -errno : 0;
        }
        fd = socket(AF_INET, type, 0);
        if (fd < 0)
                return -errno;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        return bind(fd, (struct sockaddr *)&a4, sizeof a4) < 0 ? -errno : 0;
}

int net_ports_check(const struct settings *s)
{
        for (unsigned i = 0; i < s->n_ports; i++) {
                const struct port_spec *p = &s->ports[i];
                const char *proto = p->protocol == IPPROTO_UDP ? "UDP" : "TCP";
                int r = try_bind(p);
                long start;

                if (r == -EACCES) {
                        start = unprivileged_port_start();
                        return log_error_errno(r,
                                               "Cannot publish %s port %u on the host: ports below %ld need privileges "
                                               "(net.ipv4.ip_unprivileged_port_start=%ld); publish a higher port, e.g. "
                                               "-p %u:%u, or an admin can lower that sysctl",
                                               proto, p->host_port, start, start, 8000u + p->host_port,
                                               p->container_port);
                }
                if (r == -EADDRINUSE)
                        return log_error_errno(r,
                                               "Cannot publish %s port %u on the host: it is already in use (see ss "
                                               "-lnp); choose another host port",
                                               proto, p->host_port);
                if (r < 0)
                        return log_error_errno(r, "Cannot publish %s port %u on the host: %m", proto, p->host_port);
        }
        return 0;
}

static unsigned prefix_length(const struct sockaddr *mask)
{
        const unsigned char *b = mask->sa_family == AF_INET
                                         ? (const unsigned char *)&((const struct sockaddr_in *)mask)->sin_addr
                                         : (const unsigned char *)&((const struct sockaddr_in6 *)mask)->sin6_addr;
        size_t n = mask->sa_family == AF_INET ? 4 : 16;
        unsigned bits = 0;

        for (size_t i = 0; i < n; i++)
                bits += (unsigned)__builtin_popcount(b[i]);
        return bits;
}

/* In the forked child: join the namespaces, write "ADDRESS/PREFIX\n" lines of ifname (not
 * link-local) to fd. */
static _Noreturn void list_addresses(int userns, int netns, const char *ifname, int fd)
{
        struct ifaddrs *list;

        if (setns(userns, CLONE_NEWUSER) < 0 || setns(netns, CLONE_NEWNET) < 0 || getifaddrs(&list) < 0)
                _exit(1);
        for (struct ifaddrs *i = list; i; i = i->ifa_next) {
                char text[INET6_ADDRSTRLEN];
                const void *addr;

                if (!i->ifa_addr || !i->ifa_netmask || !streq(i->ifa_name, ifname) ||
                    (i->ifa_addr->sa_family != AF_INET && i->ifa_addr->sa_family != AF_INET6))
                        continue;
                if (i->ifa_addr->sa_family == AF_INET6) {
                        const struct in6_addr *a6 = &((const struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
                        if (IN6_IS_ADDR_LINKLOCAL(a6))
                                continue;
                        addr = a6;
                } else
                        addr = &((const struct sockaddr_in *)i->ifa_addr)->sin_addr;
                if (inet_ntop(i->ifa_addr->sa_family, addr, text, sizeof text))
                        dprintf(fd, "%s/%u\n", text, prefix_length(i->ifa_netmask));
        }
        _exit(0);
}

int net_read_addresses(void *ctx, pid_t pid, const char *ifname, char ***ret)
{
        char path[64], text[4096];
        _cleanup_close_ int userns = -EBADF, netns = -EBADF, rd = -EBADF;
        char **list = NULL, *save = NULL;
        size_t got = 0;
        ssize_t n;
        int fds[2], status = 0;
        pid_t child;

        snprintf(path, sizeof path, "/proc/%d/ns/user", (int)pid);
        userns = open(path, O_RDONLY | O_CLOEXEC);
        snprintf(path, sizeof path, "/proc/%d/ns/net", (int)pid);
        netns = open(path, O_RDONLY | O_CLOEXEC);
        if (userns < 0 || netns < 0 || pipe2(fds, O_CLOEXEC) < 0)
                return -errno;
        rd = fds[0];
        child = fork();
        if (child < 0) {
                close(fds[1]);
                return -errno;
        }
        if (child == 0)
                list_addresses(userns, netns, ifname, fds[1]);
        close(fds[1]);
        while (got < sizeof text - 1 && (n = read(rd, text + got, sizeof text - 1 - got)) > 0)
                got += (size_t)n;
        text[got] = '\0';
        waitpid(child, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
                return -EPERM;
        for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
                strv_append(ctx, &list, l);
        *ret = list;
        return 0;
}
