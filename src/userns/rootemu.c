/* Root emulation glue for the userns backend. The filter is the container's last: it stops
 * only the calls the emulation answers (the policy filter's EPERM wins over it), and every
 * process of the container inherits it. Its listener leaves the container at once, so no
 * process inside can answer its own calls. */
#include "userns/rootemu.h"

#include <errno.h>
#include <linux/filter.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fakeroot/notify.h"
#include "util/log.h"
#include "util/macro.h"

bool rootemu_wanted(const struct settings *s, const struct idmaps *maps)
{
        switch (s->emulate_ids) {
        case EMULATE_IDS_YES:
                return true;
        case EMULATE_IDS_NO:
                return false;
        default:
                return !maps->use_helpers;
        }
}

int rootemu_send_filter(int sync_fd)
{
        _cleanup_free_ void *bpf = NULL;
        size_t len = 0;
        int r = fakeroot_compile_filter(&bpf, &len);

        if (r < 0)
                return log_error_errno(r, "Failed to compile the root emulation's seccomp filter: %m");
        if (send(sync_fd, bpf, len, MSG_NOSIGNAL) == (ssize_t)len || errno == EPIPE || errno == ECONNRESET)
                return 0;
        return log_error_errno(-errno, "Failed to hand the root emulation's filter to the container: %m");
}

/* The listener message: the tag and an errno (0 with the descriptor attached). */
struct listener_msg {
        char tag;
        int error;
};

int rootemu_send_listener(int sync_fd, int listener, int error)
{
        struct listener_msg m;
        struct iovec iov = {&m, sizeof m};
        union {
                struct cmsghdr h;
                char buf[CMSG_SPACE(sizeof(int))];
        } control = {0};
        struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};

        memset(&m, 0, sizeof m); /* no uninitialised padding on the wire */
        m.tag = SYNC_LISTENER;
        m.error = error;
        if (listener >= 0) {
                msg.msg_control = control.buf;
                msg.msg_controllen = sizeof control.buf;
                struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
                c->cmsg_level = SOL_SOCKET;
                c->cmsg_type = SCM_RIGHTS;
                c->cmsg_len = CMSG_LEN(sizeof(int));
                memcpy(CMSG_DATA(c), &listener, sizeof listener);
        }
        return sendmsg(sync_fd, &msg, MSG_NOSIGNAL) < 0 ? -errno : 0;
}

int rootemu_install(int sync_fd, bool required)
{
        char buf[BPF_MAXINSNS * sizeof(struct sock_filter)];
        ssize_t n;
        int listener, r;

        do
                n = recv(sync_fd, buf, sizeof buf, 0);
        while (n < 0 && errno == EINTR);
        if (n <= 0)
                return log_error_errno(n < 0 ? -errno : -EPIPE, "Failed to receive the root emulation's filter: %m");
        listener = fakeroot_install_filter(buf, (size_t)n);
        if (listener < 0) {
                (void)rootemu_send_listener(sync_fd, -EBADF, -listener);
                if (required)
                        return log_error_errno(listener, "Cannot emulate root's ids: seccomp user notification "
                                                         "failed: %m");
                log_warning_errno(listener, "Not emulating root's ids (seccomp user notification: %m): set*id "
                                            "to other users and chown will fail.");
                return 0;
        }
        r = rootemu_send_listener(sync_fd, listener, 0);
        close(listener);
        if (r < 0)
                return log_error_errno(r, "Failed to hand the root emulation's listener to uspawn: %m");
        return 0;
}

int rootemu_on_message(void *ctx, const char *buf, ssize_t n, int fd, struct fakeroot_server **ret)
{
        struct listener_msg m;

        if (n != (ssize_t)sizeof m || buf[0] != SYNC_LISTENER)
                return 0;
        memcpy(&m, buf, sizeof m);
        if (fd < 0)
                return 1; /* the container said why, and decided whether to go on */
        return fakeroot_server_new(ctx, fd, ret) < 0 ? -EIO : 1;
}

int rootemu_recv_listener(int fd)
{
        struct listener_msg m;
        struct iovec iov = {&m, sizeof m};
        union {
                struct cmsghdr h;
                char buf[CMSG_SPACE(sizeof(int))];
        } control;
        struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
                             .msg_controllen = sizeof control.buf};
        int listener = -EBADF;
        ssize_t n;

        do
                n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
        while (n < 0 && errno == EINTR);
        if (n < 0)
                return -errno;
        for (struct cmsghdr *h = n > 0 ? CMSG_FIRSTHDR(&msg) : NULL; h; h = CMSG_NXTHDR(&msg, h))
                if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS)
                        memcpy(&listener, CMSG_DATA(h), sizeof listener);
        if (n != (ssize_t)sizeof m || m.tag != SYNC_LISTENER) {
                safe_close(listener);
                return -EPIPE; /* the other side ended first, and said why */
        }
        if (listener < 0)
                return m.error > 0 ? -m.error : -EBADMSG;
        return listener;
}
