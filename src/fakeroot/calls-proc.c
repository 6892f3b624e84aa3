/* /proc/PID/status as the emulated ids say. A plain read-only open of /proc/self/status,
 * /proc/thread-self/status, /proc/PID/status or /proc/PID/task/TID/status naming a process
 * whose model is not root's gets a memfd: the status text the caller would have read (through
 * its own root, so with the container's pids) with the Uid:, Gid: and Groups: lines rewritten.
 * Every other open runs in the kernel. A process never seen by the emulation shows its real
 * ids (root's, with the user's own groups). */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fakeroot/calls.h"
#include "fakeroot/status.h"
#include "fakeroot/tracee.h"
#include "util/macro.h"
#include "util/missing.h"

/* Which thread's status path names (NULL: not a status file, or nobody the emulation knows),
 * and the path the caller would read it by, "self" spelled out. */
static struct fake_proc *status_target(struct call *c, const char *path, char *inside, size_t size)
{
        struct fake_proc *me = c->proc;
        char rest[32];
        int n = 0, pid, tid;

        if (streq(path, "/proc/self/status")) {
                snprintf(inside, size, "/proc/%d/status", (int)me->inside_tgid);
                return me;
        }
        if (streq(path, "/proc/thread-self/status")) {
                snprintf(inside, size, "/proc/%d/task/%d/status", (int)me->inside_tgid, (int)me->inside_tid);
                return me;
        }
        if (sscanf(path, "/proc/self/task/%d/statu%1s%n", &tid, rest, &n) == 2 && path[n] == '\0' && streq(rest, "s")) {
                snprintf(inside, size, "/proc/%d/task/%d/status", (int)me->inside_tgid, tid);
                return proctable_find_inside(c->server_procs, tid);
        }
        if (sscanf(path, "/proc/%d/task/%d/statu%1s%n", &pid, &tid, rest, &n) == 3 && path[n] == '\0' &&
            streq(rest, "s")) {
                snprintf(inside, size, "%s", path);
                return proctable_find_inside(c->server_procs, tid);
        }
        if (sscanf(path, "/proc/%d/statu%1s%n", &pid, rest, &n) == 2 && path[n] == '\0' && streq(rest, "s")) {
                snprintf(inside, size, "%s", path);
                return pid == me->inside_tgid ? me : proctable_find_inside(c->server_procs, pid);
        }
        return NULL;
}

/* Read the status file as the caller would (its root, its procfs). */
static int read_inside(pid_t pid, const char *inside, char *buf, size_t size)
{
        char root[64];
        _cleanup_close_ int rootfd = -EBADF, fd = -EBADF;
        struct open_how how = {.flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS};
        size_t off = 0;
        ssize_t n;

        snprintf(root, sizeof root, "/proc/%d/root", (int)pid);
        rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (rootfd < 0)
                return -errno;
        fd = (int)syscall(SYS_openat2, rootfd, inside, &how, sizeof how);
        if (fd < 0)
                return -errno;
        while (off < size - 1 && (n = read(fd, buf + off, size - 1 - off)) > 0)
                off += (size_t)n;
        buf[off] = '\0';
        return off > 0 ? 0 : -EIO;
}

/* Copy status to fd with the id lines replaced by the model's. */
static int rewrite(const char *status, const struct fake_creds *k, int fd)
{
        FILE *f = fdopen(dup(fd), "w");
        int r;

        if (!f)
                return -errno;
        r = fake_status_rewrite(status, k, f);
        return fclose(f) == 0 ? r : -EIO;
}

enum call_outcome call_open(struct call *c)
{
        int nr = c->req->data.nr;
        int flags = (int)c->req->data.args[nr == SYS_openat ? 2 : 1];
        char path[64], inside[64], status[8192];
        struct fake_proc *target;
        _cleanup_close_ int fd = -EBADF;

        if (flags & O_CREAT)
                return call_create(c);
        if ((flags & O_ACCMODE) != O_RDONLY ||
            tracee_read_string(c->pid, c->req->data.args[nr == SYS_openat ? 1 : 0], path, sizeof path) < 0 ||
            !startswith(path, "/proc/"))
                return CALL_CONTINUE;
        target = status_target(c, path, inside, sizeof inside);
        /* root's too: the model's groups (none, as nspawn leaves root) are not the kernel's (the
         * user's own groups, which the single mapping cannot change) */
        if (!target || read_inside(c->pid, inside, status, sizeof status) < 0)
                return CALL_CONTINUE;
        fd = memfd_create("status", MFD_CLOEXEC);
        if (fd < 0 || rewrite(status, &target->creds, fd) < 0 || lseek(fd, 0, SEEK_SET) < 0)
                return CALL_CONTINUE;
        struct seccomp_notif_addfd add = {
                .id = c->req->id,
                .flags = SECCOMP_ADDFD_FLAG_SEND,
                .srcfd = (uint32_t)fd,
                .newfd_flags = (flags & O_CLOEXEC) ? O_CLOEXEC : 0,
        };
        if (ioctl(c->listener, SECCOMP_IOCTL_NOTIF_ADDFD, &add) < 0)
                return call_return(c, -errno);
        return CALL_SENT;
}
