/* The supervisor's datagram sockets for the container. World-writable (0666): any user inside
 * may log or notify; only the container can reach the path at all. */
#include "supervise/hostsock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "util/macro.h"

int dgram_socket_bind(const char *path)
{
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        int fd, r;

        if (strlen(path) >= sizeof sa.sun_path)
                return -ENAMETOOLONG;
        memcpy(sa.sun_path, path, strlen(path) + 1);
        fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
                return -errno;
        if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
                r = -errno;
                close(fd);
                return r;
        }
        if (chmod(path, 0666) < 0) {
                r = -errno;
                unlink(path);
                close(fd);
                return r;
        }
        return fd;
}

int host_socket_open(struct host_socket *h, const char *tag)
{
        const char *base = getenv("XDG_RUNTIME_DIR");
        struct stat st;
        int fd;

        *h = (struct host_socket){.fd = -EBADF};
        if (!base || base[0] != '/' || stat(base, &st) < 0 || !S_ISDIR(st.st_mode) || access(base, W_OK) < 0)
                base = "/tmp";
        snprintf(h->dir, sizeof h->dir, "%s/uspawn-%s.XXXXXX", base, tag);
        if (!mkdtemp(h->dir)) {
                h->dir[0] = '\0';
                return -errno;
        }
        snprintf(h->path, sizeof h->path, "%s/%s", h->dir, tag);
        fd = dgram_socket_bind(h->path);
        if (fd < 0) {
                host_socket_close(h);
                return fd;
        }
        h->fd = fd;
        return 0;
}

void host_socket_adopt(struct host_socket *h, int fd)
{
        host_socket_close(h);
        h->fd = fd;
}

static void host_socket_unlink(struct host_socket *h)
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
