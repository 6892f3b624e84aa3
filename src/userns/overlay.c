/* Overlay mounts inside the user namespace. Every layer is opened first and handed to the
 * driver as /proc/self/fd/N, so a ':' or ',' in a path never reaches an option string, and a
 * layer that the destination will cover (--overlay=+/usr::/usr) is still the one opened. The
 * kernel's overlayfs is mounted with the new mount API (its error text is read back from the
 * context) or mount(2), with userxattr so whiteouts and opaque directories work unprivileged;
 * where it is refused, fuse-overlayfs mounts the same layers. */
#include "userns/overlay.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host.h"
#include "userns/mounts.h"
#include "util/fs.h"
#include "util/log.h"

#define FD_PATH(buf, fd) (snprintf((buf), sizeof(buf), "/proc/self/fd/%d", (fd)), (buf))
#define MAX_LOWER 128 /* overlayfs's own limit on lower layers */

/* The layers as open fds; lower is top first, the order overlayfs stacks them in. */
struct layers {
        int lower[MAX_LOWER + 1];
        unsigned n_lower;
        int upper, work; /* -EBADF for a read-only overlay */
};

static void layers_close(struct layers *l)
{
        for (unsigned i = 0; i < l->n_lower; i++)
                safe_close(l->lower[i]);
        safe_close(l->upper);
        safe_close(l->work);
}

/* "/proc/self/fd/A:/proc/self/fd/B": the lower layers, top first. Returns the length. */
static size_t format_lowerdir(const struct layers *l, char *buf, size_t size)
{
        size_t off = 0;

        buf[0] = '\0';
        for (unsigned i = 0; i < l->n_lower && off < size; i++)
                off += (size_t)snprintf(buf + off, size - off, "%s/proc/self/fd/%d", i ? ":" : "", l->lower[i]);
        return off;
}

/* "lowerdir=...,upperdir=...,workdir=..." for mount(2) and fuse-overlayfs. */
static void format_options(const struct layers *l, bool userxattr, char *buf, size_t size)
{
        size_t off = (size_t)snprintf(buf, size, "lowerdir=");

        off += format_lowerdir(l, buf + off, size - off);
        if (l->upper >= 0 && off < size)
                off += (size_t)snprintf(buf + off, size - off, ",upperdir=/proc/self/fd/%d,workdir=/proc/self/fd/%d",
                                        l->upper, l->work);
        if (userxattr && off < size)
                snprintf(buf + off, size - off, ",userxattr");
}

/* The last error line the kernel left in an fs context ("e overlayfs: ..."), for the message. */
static void read_fs_error(int fs, char *why, size_t size)
{
        char line[512];
        ssize_t n;

        while ((n = read(fs, line, sizeof line - 1)) > 0) {
                line[n] = '\0';
                if (line[0] == 'e' && line[1] == ' ')
                        snprintf(why, size, "%.*s", (int)(size - 1), line + 2);
        }
}

static int fsconfig_string(int fs, const char *key, const char *value)
{
        return RET_NERRNO(syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, key, value, 0));
}

/* The new mount API: one key per call, the kernel's reason readable on failure. -ENOSYS when
 * the kernel lacks it or a seccomp profile refuses it (EPERM from fsopen itself). */
static int mount_kernel_fsopen(const struct layers *l, int dst, bool read_only, char *why, size_t why_size)
{
        _cleanup_close_ int fs = RET_NERRNO(syscall(SYS_fsopen, "overlay", FSOPEN_CLOEXEC)), mnt = -EBADF;
        char opts[MAX_LOWER * 24 + 128], path[64];
        int r;

        if (fs == -ENOSYS || fs == -EPERM)
                return -ENOSYS;
        if (fs < 0)
                return fs;
        format_lowerdir(l, opts, sizeof opts);
        r = fsconfig_string(fs, "source", "overlay");
        if (r >= 0) /* lowerdir=A:B as one value: "lowerdir+" exists only in newer kernels */
                r = fsconfig_string(fs, "lowerdir", opts);
        if (r >= 0 && l->upper >= 0)
                r = fsconfig_string(fs, "upperdir", FD_PATH(path, l->upper));
        if (r >= 0 && l->work >= 0)
                r = fsconfig_string(fs, "workdir", FD_PATH(path, l->work));
        /* without userxattr, overlayfs in a user namespace cannot record whiteouts' trusted.*
         * xattrs; a kernel that does not know the flag is one where it was never needed */
        if (r >= 0 && syscall(SYS_fsconfig, fs, FSCONFIG_SET_FLAG, "userxattr", NULL, 0) < 0 && errno != EINVAL)
                r = -errno;
        if (r >= 0)
                r = RET_NERRNO(syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0));
        if (r < 0) {
                read_fs_error(fs, why, why_size);
                return r;
        }
        mnt = RET_NERRNO(syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC, read_only ? MOUNT_ATTR_RDONLY : 0));
        if (mnt < 0)
                return mnt;
        return RET_NERRNO(syscall(SYS_move_mount, mnt, "", dst, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH));
}

static int mount_kernel(const struct layers *l, int dst, bool read_only, char *why, size_t why_size)
{
        char opts[MAX_LOWER * 24 + 128], path[64];
        int r = mount_kernel_fsopen(l, dst, read_only, why, why_size);

        if (r != -ENOSYS)
                return r;
        format_options(l, true, opts, sizeof opts);
        FD_PATH(path, dst);
        if (mount("overlay", path, "overlay", read_only ? MS_RDONLY : 0, opts) == 0)
                return 0;
        if (errno != EINVAL)
                return -errno;
        format_options(l, false, opts, sizeof opts); /* a kernel from before userxattr */
        return RET_NERRNO(mount("overlay", path, "overlay", read_only ? MS_RDONLY : 0, opts));
}

/* A path naming the directory fd here (-EXDEV, logged, when there is none), for fuse-overlayfs's upperdir and workdir: it resolves
 * those by path (realpath), so they must be reachable, uncovered, and free of the ',' and ':'
 * its option parser splits at. Lower layers it opens as given: /proc/self/fd/N works there. */
static int reachable_path(int fd, const char *what, char *buf, size_t size)
{
        char link[64];
        struct stat a, b;
        ssize_t n = readlink(FD_PATH(link, fd), buf, size - 1);

        if (n < 0)
                return -errno;
        buf[n] = '\0';
        if (fstat(fd, &a) < 0)
                return -errno;
        if (buf[0] != '/' || stat(buf, &b) < 0 || a.st_dev != b.st_dev || a.st_ino != b.st_ino)
                return log_error_errno(-EXDEV, "fuse-overlayfs needs the overlay's %s reachable by its path, and "
                                               "%s is not (a layer inside the tree or under another mount); use a "
                                               "host directory", what, buf);
        if (strpbrk(buf, ",:"))
                return log_error_errno(-EXDEV, "fuse-overlayfs cannot take the %s %s: its path has ',' or ':'",
                                       what, buf);
        return 0;
}

static int fuse_options(const struct layers *l, char *buf, size_t size)
{
        char upper[PATH_MAX], work[PATH_MAX];
        size_t off = (size_t)snprintf(buf, size, "lowerdir=");
        int r;

        off += format_lowerdir(l, buf + off, size - off);
        if (l->upper >= 0) {
                if ((r = reachable_path(l->upper, "upper layer", upper, sizeof upper)) < 0 ||
                    (r = reachable_path(l->work, "workdir", work, sizeof work)) < 0)
                        return r;
                off += (size_t)snprintf(buf + off, size - off, ",upperdir=%s,workdir=%s", upper, work);
        }
        return off < size ? 0 : -ENAMETOOLONG;
}

/* The fuse-overlayfs daemon: in a mount namespace of its own, so the container's pivot_root
 * never makes the mount it serves its own root (its /proc/self/fd lookups would then wait on
 * itself); it serves the /dev/fuse connection we mount (libfuse's /dev/fd/N mountpoint) with
 * the layer fds inherited. It stays in the container's PID namespace, '@' first in argv[0] so
 * a booted systemd leaves it alone at shutdown as it does root storage daemons. */
/* fuse-overlayfs resolves even /proc/self/fd/N lower layers with realpath(), which fails in its
 * namespace for an fd on a mount of ours (a layer inside the tree): each lower layer that has a
 * path here is opened again by that path once in the new namespace, on the same fd number. */
static int fuse_unshare(const struct layers *l)
{
        char paths[MAX_LOWER][PATH_MAX];
        bool reopen[MAX_LOWER] = {false};

        for (unsigned i = 0; i < l->n_lower && i < MAX_LOWER; i++) {
                char link[64];
                struct stat a, b;
                ssize_t n = readlink(FD_PATH(link, l->lower[i]), paths[i], PATH_MAX - 1);
                if (n <= 0)
                        continue;
                paths[i][n] = '\0';
                reopen[i] = fstat(l->lower[i], &a) == 0 && stat(paths[i], &b) == 0 && a.st_dev == b.st_dev &&
                            a.st_ino == b.st_ino;
        }
        if (unshare(CLONE_NEWNS) < 0)
                return -errno;
        for (unsigned i = 0; i < l->n_lower && i < MAX_LOWER; i++) {
                int fd = reopen[i] ? open(paths[i], O_PATH | O_DIRECTORY | O_CLOEXEC) : -EBADF;
                if (fd >= 0 && dup3(fd, l->lower[i], O_CLOEXEC) < 0)
                        return -errno;
                safe_close(fd);
        }
        return 0;
}

static _Noreturn void fuse_daemon(const char *program, const struct layers *l, const char *opts, int fuse, int sync)
{
        char mountpoint[32];
        int r = fuse_unshare(l);

        /* tell the parent to mount, then wait until it has: /dev/fuse cannot be read before */
        if (write(sync, &r, sizeof r) != (ssize_t)sizeof r || r < 0 || read(sync, &r, sizeof r) != (ssize_t)sizeof r)
                _exit(1);
        for (unsigned i = 0; i < l->n_lower; i++)
                fcntl(l->lower[i], F_SETFD, 0); /* inherited across the exec */
        fcntl(fuse, F_SETFD, 0);
        snprintf(mountpoint, sizeof mountpoint, "/dev/fd/%d", fuse);
        execl(program, "@fuse-overlayfs", "-f", "-o", opts, mountpoint, (char *)NULL);
        _exit(127);
}

static int mount_fuse(const char *program, const struct layers *l, int dst)
{
        _cleanup_close_ int fuse = open("/dev/fuse", O_RDWR | O_CLOEXEC);
        char opts[128], target[64], daemon_opts[MAX_LOWER * 24 + 2 * PATH_MAX + 64];
        _cleanup_close_ int sync = -EBADF;
        int pair[2], r = 0;
        struct stat st;
        pid_t pid;

        if (fuse < 0)
                return log_error_errno(-errno, "Cannot open /dev/fuse for fuse-overlayfs: %m");
        if ((r = fuse_options(l, daemon_opts, sizeof daemon_opts)) < 0)
                return r;
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0)
                return -errno;
        pid = fork();
        if (pid < 0) {
                r = -errno;
                close(pair[0]);
                close(pair[1]);
                return r;
        }
        if (pid == 0) {
                close(pair[0]);
                fuse_daemon(program, l, daemon_opts, fuse, pair[1]);
        }
        close(pair[1]);
        sync = pair[0];
        if (read(sync, &r, sizeof r) != (ssize_t)sizeof r)
                r = -ECHILD;
        if (r < 0)
                return r;
        /* the daemon's namespace is a copy from before this mount: it sees the layers uncovered */
        snprintf(opts, sizeof opts, "fd=%d,rootmode=40000,user_id=0,group_id=0,allow_other,default_permissions",
                 fuse);
        if (mount("fuse-overlayfs", FD_PATH(target, dst), "fuse.fuse-overlayfs", 0, opts) < 0)
                return -errno; /* closing sync ends the waiting daemon */
        fuse = safe_close(fuse);
        if (write(sync, &r, sizeof r) != (ssize_t)sizeof r)
                return -ECHILD; /* the daemon's copy is the only one: if it dies, access fails, never hangs */
        /* wait for the daemon to answer: a failed start shows here, not in the container */
        _cleanup_close_ int top = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (top < 0 || fstat(top, &st) < 0)
                return -errno;
        return 0;
}

/* Kernel overlayfs, else fuse-overlayfs; one line says when fuse-overlayfs was used, and why. */
static int mount_layers(const struct layers *l, int dst, bool read_only, const char *where, enum overlay_driver d)
{
        char why[256] = "", fuse[PATH_MAX];
        bool have_fuse;
        int r = -EPERM;

        if (d != OVERLAY_DRIVER_FUSE) {
                r = mount_kernel(l, dst, read_only, why, sizeof why);
                if (r >= 0) {
                        log_debug("Mounted %s with the kernel's overlayfs.", where);
                        return 0;
                }
                if (!why[0])
                        snprintf(why, sizeof why, "%s", strerror(-r));
                if (d == OVERLAY_DRIVER_KERNEL)
                        return log_error_errno(r, "Cannot mount the overlay on %s: the kernel's overlayfs refused it "
                                                  "(%s; USPAWN_OVERLAY=kernel)", where, why);
        } else
                snprintf(why, sizeof why, "USPAWN_OVERLAY=fuse");
        have_fuse = host_find_program("fuse-overlayfs", fuse, sizeof fuse) >= 0;
        if (!have_fuse)
                return log_error_errno(d == OVERLAY_DRIVER_FUSE ? -ENOENT : r,
                                       "Cannot mount the overlay on %s: %s%s, and fuse-overlayfs is not installed: "
                                       "apt-get install fuse-overlayfs",
                                       where, d == OVERLAY_DRIVER_FUSE ? "" : "the kernel's overlayfs refused it: ", why);
        if (read_only)
                log_debug("fuse-overlayfs mounts %s without an upper layer: read-only.", where);
        r = mount_fuse(fuse, l, dst);
        if (r == -EXDEV)
                return r; /* reachable_path said which layer */
        if (r < 0)
                return log_error_errno(r, "Cannot mount the overlay on %s with %s either (%s): %m", where, fuse, why);
        log_notice("Overlay on %s mounted with fuse-overlayfs (kernel overlayfs: %s).", where, why);
        return 0;
}

/* Open a layer: a host path, or a path inside the tree (never leaving it). */
static int open_layer(int rootfd, const struct overlay_layer *layer, bool create)
{
        _cleanup_close_ int host_root = -EBADF;

        if (layer->in_root)
                return create ? open_or_create_in_root(rootfd, layer->path, CREATE_DIRECTORY)
                              : open_in_root(rootfd, layer->path, O_PATH | O_DIRECTORY);
        if (!create)
                return RET_NERRNO(open(layer->path, O_PATH | O_DIRECTORY | O_CLOEXEC));
        host_root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC); /* mkdir -p, as nspawn does */
        if (host_root < 0)
                return -errno;
        return open_or_create_in_root(host_root, layer->path, CREATE_DIRECTORY);
}

/* A fresh directory name in parent, opened; it must not exist yet (no one else's data). */
static int make_dir(int parent, const char *name, mode_t mode)
{
        if (mkdirat(parent, name, mode) < 0)
                return -errno;
        return RET_NERRNO(openat(parent, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
}

/* upper and work made in parent, upper with the attributes of the directory it covers: the
 * merged directory shows the upper's mode and owner. */
static int make_upper_work(int parent, int covered, struct layers *l)
{
        struct stat st;
        char path[64];

        if (fstat(covered, &st) < 0)
                return -errno;
        l->upper = make_dir(parent, "upper", st.st_mode & 07777);
        if (l->upper < 0)
                return l->upper;
        (void)chmod(FD_PATH(path, l->upper), st.st_mode & 07777); /* past the umask */
        (void)chown(path, st.st_uid, st.st_gid); /* fails only for an owner not mapped here */
        l->work = make_dir(parent, "work", 0700);
        return l->work < 0 ? l->work : 0;
}

static int mount_tmpfs_at(const char *path, const char *options)
{
        return RET_NERRNO(mount("tmpfs", path, "tmpfs", MS_STRICTATIME, options));
}

static int open_layers(int rootfd, const struct overlay_spec *o, struct layers *l)
{
        for (unsigned i = 0; i < o->n_lower; i++) {
                const struct overlay_layer *layer = &o->lower[o->n_lower - 1 - i]; /* top first */
                int fd = open_layer(rootfd, layer, false);
                if (fd < 0)
                        return log_error_errno(fd, "Cannot open the overlay's lower layer %s%s: %m",
                                               layer->in_root ? "+" : "", layer->path);
                l->lower[l->n_lower++] = fd;
        }
        if (!o->upper.path)
                return 0;
        int fd = open_layer(rootfd, &o->upper, !o->read_only);
        if (fd < 0)
                return log_error_errno(fd, "Cannot %s the overlay's upper layer %s%s: %m",
                                       o->read_only ? "open" : "create", o->upper.in_root ? "+" : "", o->upper.path);
        if (o->read_only) { /* the upper is only the top lower layer: shift it in front */
                memmove(l->lower + 1, l->lower, l->n_lower * sizeof l->lower[0]);
                l->lower[0] = fd;
                l->n_lower++;
                return 0;
        }
        l->upper = fd;
        _cleanup_close_ int parent = open_layer(rootfd, &o->work_parent, false);
        if (parent < 0 || (l->work = make_dir(parent, o->work, 0700)) < 0)
                return log_error_errno(parent < 0 ? parent : l->work,
                                       "Cannot create the overlay's workdir %s beside its upper layer %s%s: %m", o->work,
                                       o->upper.in_root ? "+" : "", o->upper.path);
        return 0;
}

int overlay_mount_op(int rootfd, const struct mount_op *op, enum overlay_driver driver)
{
        const struct overlay_spec *o = op->overlay;
        struct layers l = {.upper = -EBADF, .work = -EBADF};
        _cleanup_close_ int dst = -EBADF, tmp = -EBADF;
        char path[64];
        int r = open_layers(rootfd, o, &l);

        if (r < 0)
                goto out;
        dst = open_or_create_in_root(rootfd, o->destination, CREATE_DIRECTORY);
        if (dst < 0) {
                r = log_error_errno(dst, "Cannot create the overlay's destination %s: %m", o->destination);
                goto out;
        }
        if (!o->upper.path && !o->read_only) {
                /* an empty UPPER: a tmpfs under the overlay holds upper and work, gone with it */
                r = mount_tmpfs_at(FD_PATH(path, dst), "mode=0755");
                if (r >= 0)
                        tmp = open_in_root(rootfd, o->destination, O_PATH | O_DIRECTORY);
                r = r < 0 ? r : tmp < 0 ? tmp : make_upper_work(tmp, l.lower[0], &l);
                if (r < 0) {
                        r = log_error_errno(r, "Cannot make a tmpfs upper layer for the overlay on %s: %m", o->destination);
                        goto out;
                }
                safe_close(dst);
                dst = TAKE_FD(tmp);
        }
        r = mount_layers(&l, dst, o->read_only, o->destination, driver);
out:
        layers_close(&l);
        return r;
}

/* --volatile=yes: what a merged-/usr tree needs at its top besides /usr: the compatibility
 * links (bin -> usr/bin ...), copied from the tree, as systemd's base file system makes them. */
int overlay_copy_usr_links(int tree, int newroot)
{
        DIR *d = opendir_at(tree);
        struct dirent *e;

        if (!d)
                return -errno;
        while ((e = readdir(d))) {
                char target[PATH_MAX];
                ssize_t n;

                if (e->d_type != DT_LNK || (n = readlinkat(dirfd(d), e->d_name, target, sizeof target - 1)) < 0)
                        continue;
                target[n] = '\0';
                if (strncmp(target + (target[0] == '/'), "usr/", 4) == 0)
                        (void)symlinkat(target, newroot, e->d_name);
        }
        closedir(d);
        return 0;
}

static int root_tmpfs(const struct mount_op *op, const char *root, int tree, int *ret)
{
        _cleanup_close_ int newroot = -EBADF, usr = open_in_root(tree, "/usr", O_PATH | O_DIRECTORY);
        int r;

        if (usr < 0)
                return log_error_errno(usr, "--volatile=yes keeps only the tree's /usr, and %s has none: %m", root);
        r = mount_tmpfs_at(root, op->options);
        if (r < 0)
                return log_error_errno(r, "Failed to mount the tmpfs root on %s: %m", root);
        newroot = RET_NERRNO(open(root, O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (newroot < 0)
                return log_error_errno(newroot, "Failed to open the tmpfs root: %m");
        r = mounts_bind_fd(newroot, usr, "/usr", true, true);
        if (r < 0)
                return log_error_errno(r, "Failed to bind the tree's /usr read-only into the tmpfs root: %m");
        r = overlay_copy_usr_links(tree, newroot);
        if (r < 0)
                return log_error_errno(r, "Failed to read the top of %s: %m", root);
        *ret = TAKE_FD(newroot);
        return 0;
}

/* -x and --volatile=overlay: the tree as the only lower layer; upper and work on a tmpfs over
 * the tree's path, or in the scratch directory the supervisor made (--ephemeral-dir). */
static int root_overlay(const struct mount_op *op, const char *root, int tree, enum overlay_driver d, int *ret)
{
        struct layers l = {.lower = {tree}, .n_lower = 1, .upper = -EBADF, .work = -EBADF};
        _cleanup_close_ int parent = -EBADF, dst = -EBADF;
        int r;

        if (op->source)
                parent = RET_NERRNO(open(op->source, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        else if ((r = mount_tmpfs_at(root, op->options)) < 0)
                parent = r;
        else
                parent = RET_NERRNO(open(root, O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (parent < 0)
                return log_error_errno(parent, "Failed to prepare the root's upper layer %s: %m",
                                       op->source ? op->source : "(a tmpfs)");
        r = make_upper_work(parent, tree, &l);
        if (r < 0) {
                l.lower[0] = -EBADF; /* the caller's */
                layers_close(&l);
                return log_error_errno(r, "Failed to make the root's upper layer: %m");
        }
        dst = RET_NERRNO(open(root, O_PATH | O_DIRECTORY | O_CLOEXEC));
        r = dst < 0 ? dst : mount_layers(&l, dst, false, "/", d);
        l.lower[0] = -EBADF;
        layers_close(&l);
        if (r < 0)
                return r;
        *ret = RET_NERRNO(open(root, O_PATH | O_DIRECTORY | O_CLOEXEC));
        return *ret < 0 ? log_error_errno(*ret, "Failed to open the overlay root: %m") : 0;
}

int overlay_prepare_root(const struct plan *p, const char *root, int *rootfd)
{
        const struct mount_op *op = p->n_ops ? &p->ops[0] : NULL;
        int newroot = -EBADF, r;

        if (!op || (op->kind != OP_ROOT_OVERLAY && op->kind != OP_ROOT_TMPFS))
                return 0;
        r = op->kind == OP_ROOT_TMPFS ? root_tmpfs(op, root, *rootfd, &newroot)
                                      : root_overlay(op, root, *rootfd, p->overlay_driver, &newroot);
        if (r < 0)
                return r;
        safe_close(*rootfd);
        *rootfd = newroot;
        return 0;
}
