/* The mount executor: each plan operation resolved inside the new root (no link escapes it),
 * mounted through /proc/self/fd paths so what was checked is what gets mounted. */
#include "userns/mounts.h"

#include <fcntl.h>
#include <linux/mount.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "run-host.h"
#include "supervise/hostsock.h"
#include "userns/overlay.h"
#include "util/fs.h"
#include "util/log.h"

#define FD_PATH(buf, fd) (snprintf((buf), sizeof(buf), "/proc/self/fd/%d", (fd)), (buf))

int mounts_prepare_root(const char *root)
{
        int fd;

        if (mount("none", "/", "none", MS_REC | MS_SLAVE, NULL) < 0)
                return log_error_errno(-errno, "Failed to make the host's mounts private to the container: %m");
        if (mount(root, root, "none", MS_BIND | MS_REC, NULL) < 0)
                return log_error_errno(-errno, "Failed to bind %s onto itself: %m", root);
        fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
                return log_error_errno(-errno, "Failed to open %s: %m", root);
        return fd;
}

/* The flags an unprivileged remount must keep: the kernel refuses to clear locked ones. */
static unsigned long locked_flags(const char *path)
{
        static const struct {
                unsigned long st, ms;
        } map[] = {{ST_NOSUID, MS_NOSUID},   {ST_NODEV, MS_NODEV},           {ST_NOEXEC, MS_NOEXEC},
                   {ST_NOATIME, MS_NOATIME}, {ST_NODIRATIME, MS_NODIRATIME}, {ST_RELATIME, MS_RELATIME}};
        struct statvfs sv;
        unsigned long flags = 0;

        if (statvfs(path, &sv) < 0)
                return 0;
        for (size_t i = 0; i < ELEMENTSOF(map); i++)
                if (sv.f_flag & map[i].st)
                        flags |= map[i].ms;
        return flags;
}

/* Make the mount whose top is fd read-only; with recursive, every mount below it too. */
static int make_read_only(int fd, bool recursive)
{
        char path[64];

        if (recursive) {
                struct mount_attr attr = {.attr_set = MOUNT_ATTR_RDONLY};
                if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof attr) == 0)
                        return 0;
                if (errno != ENOSYS && errno != EPERM)
                        return -errno;
        }
        FD_PATH(path, fd);
        if (mount("none", path, "none", MS_REMOUNT | MS_BIND | MS_RDONLY | locked_flags(path), NULL) < 0)
                return -errno;
        return 0;
}

/* The classic bind, by /proc/self/fd paths; the new mount's top is then found again by its
 * path (destination, inside rootfd) to make it read-only. */
static int bind_by_path(int rootfd, int source_fd, int dst, const char *destination, bool recursive, bool read_only)
{
        _cleanup_close_ int top = -EBADF;
        char src_path[64], dst_path[64];

        if (mount(FD_PATH(src_path, source_fd), FD_PATH(dst_path, dst), "none", MS_BIND | (recursive ? MS_REC : 0),
                  NULL) < 0)
                return -errno;
        if (!read_only)
                return 0;
        top = open_in_root(rootfd, destination, O_PATH);
        if (top < 0)
                return top;
        return make_read_only(top, recursive);
}

/* Linux 5.12+ (open_tree, mount_setattr, move_mount): copy the source's mount as a detached
 * tree, make it read-only before it is visible anywhere, and attach it on dst. No path of
 * /proc/self/fd to resolve, no second lookup of the destination. -ENOSYS where the kernel or a
 * seccomp profile (EPERM) refuses these calls, and from then on without trying. */
static int bind_detached(int source_fd, int dst, bool recursive, bool read_only)
{
        static bool unavailable;
        struct mount_attr attr = {.attr_set = MOUNT_ATTR_RDONLY};
        unsigned depth = recursive ? AT_RECURSIVE : 0;
        _cleanup_close_ int tree = -EBADF;

        if (unavailable)
                return -ENOSYS;
        tree = (int)syscall(SYS_open_tree, source_fd, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH | depth);
        if (tree < 0 ||
            (read_only && syscall(SYS_mount_setattr, tree, "", AT_EMPTY_PATH | depth, &attr, sizeof attr) < 0)) {
                if (errno != ENOSYS && errno != EPERM)
                        return -errno;
                unavailable = true;
                return -ENOSYS;
        }
        return RET_NERRNO(syscall(SYS_move_mount, tree, "", dst, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH));
}

/* Bind source_fd onto dst (an O_PATH descriptor of destination, inside rootfd). */
static int bind_onto(int rootfd, int source_fd, int dst, const char *destination, bool recursive, bool read_only)
{
        int r = bind_detached(source_fd, dst, recursive, read_only);

        if (r != -ENOSYS)
                return r;
        return bind_by_path(rootfd, source_fd, dst, destination, recursive, read_only);
}

/* Bind source_fd onto the destination, created as the source's kind. */
int mounts_bind_fd(int rootfd, int source_fd, const char *destination, bool recursive, bool read_only)
{
        _cleanup_close_ int dst = -EBADF;
        struct stat st;

        if (fstat(source_fd, &st) < 0)
                return -errno;
        dst = open_or_create_in_root(rootfd, destination, S_ISDIR(st.st_mode) ? CREATE_DIRECTORY : CREATE_FILE);
        if (dst < 0)
                return dst;
        return bind_onto(rootfd, source_fd, dst, destination, recursive, read_only);
}

static int mount_fs(int rootfd, const char *destination, const char *fstype, unsigned long flags, const char *data)
{
        _cleanup_close_ int dst = open_or_create_in_root(rootfd, destination, CREATE_DIRECTORY);
        char path[64];

        if (dst < 0)
                return dst;
        return mount(fstype, FD_PATH(path, dst), fstype, flags, data) < 0 ? -errno : 0;
}

static int do_bind(int rootfd, const struct mount_op *op)
{
        _cleanup_close_ int src = op->source_in_root ? open_in_root(rootfd, op->source, O_PATH)
                                                     : RET_NERRNO(open(op->source, O_PATH | O_CLOEXEC));

        if (src < 0)
                return src;
        if (op->optional) {
                /* optional binds (resolv.conf) only replace a file the tree already has */
                _cleanup_close_ int existing = open_in_root(rootfd, op->destination, O_PATH);
                if (existing < 0)
                        return existing;
        }
        return mounts_bind_fd(rootfd, src, op->destination, op->recursive, op->read_only);
}

static int do_path_source_bind(int rootfd, const char *source, const char *destination, bool read_only)
{
        _cleanup_close_ int src = open(source, O_PATH | O_CLOEXEC);

        if (src < 0)
                return -errno;
        return mounts_bind_fd(rootfd, src, destination, false, read_only);
}

static int do_sysfs(int rootfd, const struct mount_op *op, bool private_network)
{
        _cleanup_close_ int src = -EBADF;

        if (private_network &&
            mount_fs(rootfd, op->destination, "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0)
                return 0;
        /* sysfs can only be mounted by the owner of the network namespace: bind the host's */
        src = open(op->source, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (src < 0)
                return -errno;
        return mounts_bind_fd(rootfd, src, op->destination, true, true);
}

/* Hide a file by binding the host's /dev/null over it, a directory with an empty read-only tmpfs. */
static int do_mask(int rootfd, const struct mount_op *op)
{
        _cleanup_close_ int fd = open_in_root(rootfd, op->destination, O_PATH);
        struct stat st;

        if (fd < 0)
                return fd;
        if (fstat(fd, &st) < 0)
                return -errno;
        if (S_ISDIR(st.st_mode))
                return mount_fs(rootfd, op->destination, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                                "mode=0555");
        return do_path_source_bind(rootfd, "/dev/null", op->destination, true);
}

static int do_read_only(int rootfd, const struct mount_op *op)
{
        _cleanup_close_ int fd = open_in_root(rootfd, op->destination, O_PATH);

        if (fd < 0)
                return fd;
        return bind_onto(rootfd, fd, fd, op->destination, true, true);
}

static int do_symlink(int rootfd, const struct mount_op *op)
{
        const char *slash = strrchr(op->destination, '/');
        char parent_path[4096];
        _cleanup_close_ int parent = -EBADF;

        snprintf(parent_path, sizeof parent_path, "%.*s", (int)(slash - op->destination), op->destination);
        parent = open_or_create_in_root(rootfd, parent_path[0] ? parent_path : "/", CREATE_DIRECTORY);
        if (parent < 0)
                return parent;
        if (symlinkat(op->source, parent, slash + 1) < 0 && errno != EEXIST)
                return -errno;
        return 0;
}

/* Write the file (on the container's /run tmpfs) and bind it read-only over the destination, so
 * the guest reads it but cannot replace what the network helper serves. */
static int do_resolv_conf(int rootfd, const struct mount_op *op)
{
        const char *slash = strrchr(op->source, '/');
        char dir_path[256];
        _cleanup_close_ int dir = -EBADF, fd = -EBADF;
        size_t len = strlen(op->options);

        snprintf(dir_path, sizeof dir_path, "%.*s", (int)(slash - op->source), op->source);
        dir = open_or_create_in_root(rootfd, dir_path, CREATE_DIRECTORY);
        if (dir < 0)
                return dir;
        fd = openat(dir, slash + 1, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0)
                return -errno;
        if (write(fd, op->options, len) != (ssize_t)len)
                return errno ? -errno : -EIO;
        fd = safe_close(fd);
        fd = openat(dir, slash + 1, O_PATH | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        return mounts_bind_fd(rootfd, fd, op->destination, false, true);
}

/* Bind the supervisor's datagram socket at the destination, in the container's own tmpfs: the
 * host never has a name for it, so nothing is left behind there whatever ends the run. */
static int do_socket(int rootfd, const char *destination, int *ret_fd)
{
        const char *slash = strrchr(destination, '/');
        _cleanup_close_ int dir = -EBADF;
        char path[128];
        int fd;

        dir = open_or_create_in_root(rootfd, slash == destination ? "/" : strndupa(destination, (size_t)(slash - destination)),
                                     CREATE_DIRECTORY);
        if (dir < 0)
                return dir;
        snprintf(path, sizeof path, "/proc/self/fd/%d/%s", dir, slash + 1);
        fd = dgram_socket_bind(path);
        if (fd < 0)
                return fd;
        *ret_fd = fd;
        return 0;
}

static int do_root_read_only(int rootfd)
{
        return make_read_only(rootfd, false);
}

static int apply_one(const struct mount_op *op, int rootfd, const struct runtime_sources *sources, bool private_network,
                     enum overlay_driver driver)
{
        int r;

        switch (op->kind) {
        case OP_PROC:
                return mount_fs(rootfd, op->destination, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
        case OP_SYSFS:
                return do_sysfs(rootfd, op, private_network);
        case OP_TMPFS:
                return mount_fs(rootfd, op->destination, "tmpfs",
                                MS_NOSUID | MS_STRICTATIME | (streq(op->destination, "/dev") ? 0 : MS_NODEV),
                                op->options);
        case OP_DEVPTS:
                return mount_fs(rootfd, op->destination, "devpts", MS_NOSUID | MS_NOEXEC, op->options);
        case OP_MQUEUE:
                return mount_fs(rootfd, op->destination, "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
        case OP_BIND:
                return do_bind(rootfd, op);
        case OP_BIND_DEVICE:
                return do_path_source_bind(rootfd, op->source, op->destination, false);
        case OP_CONSOLE:
                return sources->console ? do_path_source_bind(rootfd, sources->console, op->destination, false) : 0;
        case OP_CGROUP:
                return sources->cgroup
                               ? mount_fs(rootfd, op->destination, "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL)
                               : 0;
        case OP_NOTIFY:
                return sources->notify_fd ? do_socket(rootfd, op->destination, sources->notify_fd) : 0;
        case OP_SYSLOG:
                if (sources->syslog_fd && (r = do_socket(rootfd, op->destination, sources->syslog_fd)) < 0)
                        log_warning_errno(r, "No /dev/log in the container: cannot bind its socket: %m");
                return 0;
        case OP_SYMLINK:
                return do_symlink(rootfd, op);
        case OP_READ_ONLY:
                return do_read_only(rootfd, op);
        case OP_MASK:
                return do_mask(rootfd, op);
        case OP_ROOT_READ_ONLY:
                return do_root_read_only(rootfd);
        case OP_RESOLV_CONF:
                return do_resolv_conf(rootfd, op);
        case OP_RUN_HOST:
                return run_host_populate(rootfd, op->destination, sources->uuid);
        case OP_OVERLAY:
                return overlay_mount_op(rootfd, op, driver);
        case OP_ROOT_OVERLAY:
        case OP_ROOT_TMPFS:
                return 0; /* made before the others, by overlay_prepare_root */
        }
        return -EINVAL;
}

int mounts_apply_plan(const struct plan *p, int rootfd, const char *root_for_messages,
                      const struct runtime_sources *sources, bool private_network)
{
        for (unsigned i = 0; i < p->n_ops; i++) {
                const struct mount_op *op = &p->ops[i];
                int r = apply_one(op, rootfd, sources, private_network, p->overlay_driver);

                if (r == -ENOENT && op->optional)
                        continue;
                if (r < 0 && op->kind == OP_OVERLAY)
                        return r; /* overlay_mount_op said which layer or driver failed */
                if (r == -EINVAL && op->kind == OP_BIND && !op->recursive)
                        return log_error_errno(
                                r,
                                "Cannot bind %s on %s without the mounts below it: in a user namespace the kernel "
                                "refuses to uncover what the host mounted there; drop norbind",
                                op->source, op->destination);
                if (r < 0 && op->kind == OP_BIND)
                        return log_error_errno(r, "Failed to bind %s%s on %s in %s: %m", op->source_in_root ? "+" : "",
                                               op->source, op->destination, root_for_messages);
                if (r < 0)
                        return log_error_errno(r, "Failed to set up %s (%s) in %s: %m", op->destination,
                                               mount_op_kind_to_string(op->kind), root_for_messages);
        }
        return 0;
}

int mounts_pivot_root(int rootfd)
{
        if (fchdir(rootfd) < 0)
                return log_error_errno(-errno, "Failed to enter the root: %m");
        /* pivot onto itself, then detach the old root that now sits on top of it (runc's trick:
         * no temporary directory in the tree is needed) */
        if (syscall(SYS_pivot_root, ".", ".") < 0)
                return log_error_errno(-errno, "Failed to make the tree the root: %m");
        if (umount2(".", MNT_DETACH) < 0)
                return log_error_errno(-errno, "Failed to detach the host's root: %m");
        if (chdir("/") < 0)
                return log_error_errno(-errno, "Failed to change to the new root: %m");
        return 0;
}
