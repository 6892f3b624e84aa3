/* The sd_notify protocol: one datagram of newline-separated VAR=VALUE lines to the socket named
 * by $NOTIFY_SOCKET. Small enough to speak directly rather than link libsystemd for it. */
#include "supervise/notify.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <talloc.h>
#include <unistd.h>

#include "util/macro.h"

int notify_send(const char *text)
{
        const char *path = getenv("NOTIFY_SOCKET");
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        _cleanup_close_ int fd = -EBADF;
        size_t len;

        if (!path || (path[0] != '/' && path[0] != '@'))
                return 0;
        len = strlen(path);
        if (len >= sizeof sa.sun_path)
                return -ENAMETOOLONG;
        memcpy(sa.sun_path, path, len);
        if (path[0] == '@')
                sa.sun_path[0] = '\0'; /* abstract namespace */
        fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
                return -errno;
        if (sendto(fd, text, strlen(text), MSG_NOSIGNAL, (struct sockaddr *)&sa,
                   (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len)) < 0)
                return -errno;
        return 0;
}

void notify_relay_init(struct notify_relay *r, const char *machine)
{
        *r = (struct notify_relay){.sock.fd = -EBADF, .machine = machine};
}

int notify_relay_open(struct notify_relay *r, const char *machine)
{
        notify_relay_init(r, machine);
        return host_socket_open(&r->sock, "notify");
}

static bool has_line(const char *msg, const char *line)
{
        size_t n = strlen(line);

        for (const char *p = msg; (p = strstr(p, line)); p += n)
                if ((p == msg || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
                        return true;
        return false;
}

void notify_relay_forward(struct notify_relay *r)
{
        char msg[4096];

        for (;;) {
                ssize_t n = recv(r->sock.fd, msg, sizeof msg - 1, 0);
                char out[4200] = "";

                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0)
                        return;
                msg[n] = '\0';
                if (!r->ready && has_line(msg, "READY=1")) {
                        r->ready = true;
                        snprintf(out, sizeof out, "READY=1\nSTATUS=Container %s is ready.\n", r->machine);
                }
                for (const char *p = msg; (p = strstr(p, "STATUS=")); p++)
                        if (p == msg || p[-1] == '\n') {
                                size_t k = strcspn(p, "\n");
                                snprintf(out + strlen(out), sizeof out - strlen(out), "%.*s\n", (int)k, p);
                                break;
                        }
                if (out[0])
                        notify_send(out);
        }
}

void notify_relay_close(struct notify_relay *r)
{
        host_socket_close(&r->sock);
}
