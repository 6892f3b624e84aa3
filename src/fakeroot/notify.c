/* The notification server: receive, find the caller's model, dispatch by system call number,
 * answer. Each notification is answered before the next is read; handlers do only short file
 * system work on the user's own files (no call that can block on another process). */
#include "fakeroot/notify.h"

#include <errno.h>
#include <linux/filter.h>
#include <seccomp.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <talloc.h>
#include <fcntl.h>
#include <unistd.h>

#include "fakeroot/calls.h"
#include "fakeroot/fastpath.h"
#include "userns/seccomp.h"
#include "util/log.h"
#include "util/macro.h"
#include "util/missing.h"

struct fakeroot_server {
        int listener;
        struct proctable *procs;
        struct seccomp_notif *req;
        struct seccomp_notif_resp *resp;
        bool warned_no_xattr;
};

/* statx stops unless its mask carries the fast path's marker (libuspawn-ids.so answers those
 * in-process, fastpath.h); the probe mask gets its errno, which tells the shim the filter is
 * there. A program's own statx (static, raw, libc-internal) has no marker and stops as before. */
static int add_statx_rules(scmp_filter_ctx f, int nr)
{
        int r = seccomp_rule_add(f, SCMP_ACT_NOTIFY, nr, 1, SCMP_CMP(3, SCMP_CMP_MASKED_EQ, FASTPATH_MARKER, 0));
        if (r >= 0)
                r = seccomp_rule_add(f, SCMP_ACT_ERRNO(FASTPATH_PROBE_ERRNO), nr, 1,
                                     SCMP_CMP(3, SCMP_CMP_MASKED_EQ, 0xffffffffu, FASTPATH_PROBE_MASK));
        return r;
}

static bool listed(int nr, const int *list, size_t n)
{
        for (size_t i = 0; i < n; i++)
                if (list[i] == nr)
                        return true;
        return false;
}

int fakeroot_add_rules(scmp_filter_ctx f, const int *denied, size_t n_denied)
{
        int r = 0;

        /* libseccomp refuses SCMP_ACT_NOTIFY unless its probe of the kernel found user
         * notification (API level 5); the probe fails under valgrind and at build time. The
         * filter is only exported here: the container's install is what meets the kernel. */
        if (seccomp_api_get() < 5)
                (void)seccomp_api_set(5);
        for (unsigned i = 0; r >= 0 && i < fakeroot_n_calls; i++) {
                const struct call_row *row = &fakeroot_calls[i];
                unsigned a = (unsigned)row->flags_arg;

                if (listed(row->nr, denied, n_denied))
                        continue;
                if (row->nr == SYS_statx) {
                        r = add_statx_rules(f, row->nr);
                        continue;
                }
                if (row->flags_arg < 0) {
                        r = seccomp_rule_add(f, SCMP_ACT_NOTIFY, row->nr, 0);
                        continue;
                }
                r = seccomp_rule_add(f, SCMP_ACT_NOTIFY, row->nr, 1, SCMP_CMP(a, SCMP_CMP_MASKED_EQ, O_CREAT, O_CREAT));
                if (r >= 0)
                        r = seccomp_rule_add(f, SCMP_ACT_NOTIFY, row->nr, 1,
                                             SCMP_CMP(a, SCMP_CMP_MASKED_EQ,
                                                      0xffffffffu & ~(O_CLOEXEC | O_LARGEFILE | O_NOCTTY), 0));
        }
        return r;
}

int fakeroot_compile_filter(void **ret_bpf, size_t *ret_len)
{
        scmp_filter_ctx f = seccomp_filter_new();
        int r;

        if (!f)
                return -ENOMEM;
        /* i386 and x32 calls are not emulated, but must not be killed either */
        r = seccomp_attr_set(f, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW);
        if (r >= 0)
                r = fakeroot_add_rules(f, NULL, 0);
        if (r >= 0)
                r = seccomp_export_to_memory(f, ret_bpf, ret_len);
        seccomp_release(f);
        return r;
}

int fakeroot_install_filter(const void *bpf, size_t len)
{
        struct sock_fprog prog = {.len = (unsigned short)(len / sizeof(struct sock_filter)),
                                  .filter = (struct sock_filter *)bpf};

        if (len == 0 || len % sizeof(struct sock_filter))
                return -EINVAL;
        return RET_NERRNO(syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog));
}

static int destroy(struct fakeroot_server *s)
{
        safe_close(s->listener);
        seccomp_notify_free(s->req, s->resp);
        return 0;
}

int fakeroot_server_new(void *ctx, int listener, struct fakeroot_server **ret)
{
        struct fakeroot_server *s = talloc_zero(ctx, struct fakeroot_server);
        int r;

        if (!s) {
                close(listener);
                return log_error_errno(-ENOMEM, "Out of memory");
        }
        s->listener = listener;
        talloc_set_destructor(s, destroy);
        r = seccomp_notify_alloc(&s->req, &s->resp);
        if (r < 0) {
                talloc_free(s);
                return log_error_errno(r, "Failed to allocate seccomp notification buffers: %m");
        }
        s->procs = proctable_new(s);
        if (!s->procs) {
                talloc_free(s);
                return log_error_errno(-ENOMEM, "Out of memory");
        }
        /* the listener is polled with other descriptors: never block on an empty queue */
        fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK);
        /* Linux 6.6+: the caller and the supervisor hand the CPU to each other, which saves
         * a scheduler round trip per call; older kernels answer EINVAL, and go without */
        (void)ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP);
        *ret = s;
        return 0;
}

int fakeroot_server_fd(const struct fakeroot_server *s)
{
        return s->listener;
}

void fakeroot_warn_no_xattr(struct fakeroot_server *s, int error)
{
        if (s->warned_no_xattr)
                return;
        s->warned_no_xattr = true;
        log_warning_errno(error, "Cannot record owners in the container's tree (its file system keeps no user "
                                 "extended attributes: %m); chown and mknod succeed but are not remembered.");
}

bool call_still_valid(const struct call *c)
{
        return seccomp_notify_id_valid(c->listener, c->req->id) == 0;
}

static call_handler find_handler(int nr)
{
        for (unsigned i = 0; i < fakeroot_n_calls; i++)
                if (fakeroot_calls[i].nr == nr)
                        return fakeroot_calls[i].handler;
        return NULL;
}

int fakeroot_server_handle(struct fakeroot_server *s)
{
        struct call c = {.server = s, .req = s->req, .listener = s->listener};
        enum call_outcome out = CALL_CONTINUE;
        call_handler h;
        int r;

        memset(s->req, 0, sizeof *s->req);
        r = ioctl(s->listener, SECCOMP_IOCTL_NOTIF_RECV, s->req);
        if (r < 0)
                return errno == EAGAIN || errno == EINTR ? 0 : -errno;
        c.pid = (pid_t)s->req->pid;
        c.proc = proctable_get(s->procs, c.pid);
        c.server_procs = s->procs;
        h = s->req->data.arch == seccomp_arch_native() ? find_handler(s->req->data.nr) : NULL;
        if (c.proc && h)
                out = h(&c);
        log_debug("fakeroot: pid %d call %d: %s %lld", (int)c.pid, s->req->data.nr,
                  out == CALL_CONTINUE ? "continue"
                  : out == CALL_SENT   ? "sent"
                                       : "return",
                  (long long)(c.error ? c.error : c.val));
        if (out == CALL_SENT)
                return 0;
        memset(s->resp, 0, sizeof *s->resp);
        s->resp->id = s->req->id;
        if (out == CALL_CONTINUE)
                s->resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
        else {
                s->resp->val = c.val;
                s->resp->error = c.error;
        }
        r = seccomp_notify_respond(s->listener, s->resp);
        return r == -ENOENT ? 0 : r;
}
