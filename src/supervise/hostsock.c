/* Host-side sockets for the container. World-writable (0666): any user inside may log or
 * notify; only the container can reach the path at all. */
#include "supervise/hostsock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "util/macro.h"

int host_socket_open(struct host_socket *h, const char *tag)
{
        const char *base = getenv("XDG_RUNTIME_DIR");
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        struct stat st;

        *h = (struct host_socket){.fd = -EBADF};
        if (!base || base[0] != '/' || stat(base, &st) < 0 || !S_ISDIR(st.st_mode) || access(base, W_OK) < 0)
                base = "/tmp";
        snprintf(h->dir, sizeof h->dir, "%s/uspawn-%s.XXXXXX", base, tag);
        if (!mkdtemp(h->dir)) {
                h->dir[0] = '\0';
                return -errno;
        }
        snprintf(h->path, sizeof h->path, "%s/%s", h->dir, tag);
        if (strlen(h->path) >= sizeof sa.sun_path) {
                host_socket_close(h);
                return -ENAMETOOLONG;
        }
        memcpy(sa.sun_path, h->path, strlen(h->path) + 1);
        h->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (h->fd < 0 || bind(h->fd, (struct sockaddr *)&sa, sizeof sa) < 0 || chmod(h->path, 0666) < 0) {
                int e = -errno;
                host_socket_close(h);
                return e;
        }
        return 0;
}

void host_socket_unlink(struct host_socket *h)
{
        if (h->path[0])
                unlink(h->path);
        if (h->dir[0])
                rmdir(h->dir);
        h->path[0] = h->dir[0] = '\0';
}

void host_socket_close(struct host_socket *h)
{
        host_socket_unlink(h);
        h->fd = safe_close(h->fd);
}
