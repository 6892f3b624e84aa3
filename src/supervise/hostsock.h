/* A datagram socket the supervisor serves and the container sees at a fixed path (/dev/log,
 * /run/host/notify): bound in a private directory on the host, bind-mounted into the container,
 * then its host name removed once the container holds it, so nothing is left behind. */
#pragma once

struct host_socket {
        int fd;         /* bound, non-blocking; -EBADF when closed */
        char dir[128];  /* private directory (under $XDG_RUNTIME_DIR, else /tmp) */
        char path[160]; /* the socket's host path, "" once unlinked */
};

int host_socket_open(struct host_socket *h, const char *tag);
void host_socket_unlink(struct host_socket *h);
void host_socket_close(struct host_socket *h);
