/* Root emulation glue for the userns backend. Its rules join the policy's in the container's
 * one filter: it stops only the calls the emulation answers (the policy's EPERM wins), and
 * every process of the container inherits it. Its listener leaves the container at once, so
 * no process inside can answer its own calls. */
#include "userns/rootemu.h"

#include <errno.h>
#include <linux/filter.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fakeroot/notify.h"
#include "userns/seccomp.h"
#include "util/fdpass.h"
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

/* The listener message: the tag and an errno (0 with the descriptor attached). */
struct listener_msg {
        char tag;
        int error;
};

int rootemu_send_listener(int sync_fd, int listener, int error)
{
        struct listener_msg m;

        memset(&m, 0, sizeof m); /* no uninitialised padding on the wire */
        m.tag = SYNC_LISTENER;
        m.error = error;
        return fd_send(sync_fd, &m, sizeof m, listener);
}

int rootemu_install(int sync_fd, const void *policy, size_t policy_len, bool required)
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
                /* first the policy alone: a kernel without any seccomp filter is told apart so */
                r = seccomp_policy_install(policy, policy_len);
                if (r < 0)
                        return r;
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
        return 1;
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
        int listener;
        ssize_t n = fd_recv(fd, &m, sizeof m, &listener);

        if (n < 0)
                return (int)n;
        if (n != (ssize_t)sizeof m || m.tag != SYNC_LISTENER) {
                safe_close(listener);
                return -EPIPE; /* the other side ended first, and said why */
        }
        if (listener < 0)
                return m.error > 0 ? -m.error : -EBADMSG;
        return listener;
}
