/* A datagram socket the supervisor serves and the container sees at a fixed path (/dev/log,
 * /run/host/notify). With a mount namespace (userns backend) the container binds it there
 * itself and hands it over (host_socket_adopt): the host never has a name for it. Without one
 * (trace backend) it is bound in a private directory on the host, which the tracer shows at
 * that path; host_socket_close removes it. */
#pragma once

struct host_socket {
        int fd;         /* bound, non-blocking; -EBADF when closed */
        char dir[128];  /* private directory (under $XDG_RUNTIME_DIR, else /tmp) */
        char path[160]; /* the socket's host path, "" once unlinked */
};

/* A bound datagram socket (non-blocking, close-on-exec, mode 0666) at path; -errno, and no
 * socket file left, on failure. */
int dgram_socket_bind(const char *path);

/* Bind a socket in a new private directory on the host (under $XDG_RUNTIME_DIR, else /tmp). */
int host_socket_open(struct host_socket *h, const char *tag);
/* Serve fd, a socket bound elsewhere (in the container), instead. */
void host_socket_adopt(struct host_socket *h, int fd);
void host_socket_close(struct host_socket *h);
