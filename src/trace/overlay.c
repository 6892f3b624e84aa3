/* Overlays without a user namespace: --overlay, --overlay-ro, -x, --volatile=overlay mounted with
 * fuse-overlayfs through the set-user-ID fusermount3 (as a user mounts FUSE anywhere), on a
 * private directory that a path-table row then shows at the destination; --volatile=yes is a
 * private directory as the root with the tree's /usr as a read-only row. A guard process per
 * mount waits for the end of a pipe only uspawn writes to, then runs fusermount3 -u: at a normal
 * exit, on every error path, and when uspawn dies even by SIGKILL, no mount is left behind.
 * (fusermount3's own auto_unmount would not do: it checks the mount from a new mount namespace,
 * which the seccomp profiles of hosts without user namespaces refuse.)
 * Parsing, the workdir's and the scratch directory's names and their removal are the userns
 * backend's (settings.c, userns/overlay-scratch.c). */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <talloc.h>
#include <unistd.h>

#include "host.h"
#include "trace/overlay.h"
#include "trace/path.h"
#include "userns/overlay-scratch.h"
#include "userns/overlay.h"
#include "util/fdpass.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/macro.h"

/* One fuse-overlayfs mount: the daemon, and the guard that unmounts it. */
struct fuse_mount {
        char *mountpoint;
        pid_t daemon, guard;
        int guard_fd; /* closing it (or uspawn's death) makes the guard unmount */
};

struct trace_overlays {
        struct fuse_mount *m;
        unsigned n;
        char fusermount[PATH_MAX], program[PATH_MAX];
};

/* What the mounts need, checked once: both programs, and set-user-ID able to work. */
static int fuse_ready(struct trace_table *tt, enum overlay_driver d)
{
        struct trace_overlays *o = tt->overlays;

        if (o)
                return 0;
        if (d == OVERLAY_DRIVER_KERNEL)
                return log_error_errno(-EOPNOTSUPP, "The kernel's overlayfs needs a user namespace; the trace "
                                                    "backend mounts overlays with fuse-overlayfs (USPAWN_OVERLAY=kernel)");
        o = talloc_zero(tt, struct trace_overlays);
        if (!o)
                return log_error_errno(-ENOMEM, "Out of memory");
        if (host_find_program("fuse-overlayfs", o->program, sizeof o->program) < 0)
                return log_error_errno(-ENOENT, "Overlays in the trace backend need fuse-overlayfs: apt-get install "
                                                "fuse-overlayfs");
        if (host_find_program("fusermount3", o->fusermount, sizeof o->fusermount) < 0)
                return log_error_errno(-ENOENT, "Overlays in the trace backend are mounted through fusermount3: "
                                                "apt-get install fuse3");
        if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1)
                return log_error_errno(-EPERM, "Overlays in the trace backend are mounted through the set-user-ID "
                                               "fusermount3, which no_new_privs (set on uspawn) stops; run uspawn "
                                               "without it");
        tt->overlays = o;
        return 0;
}

/* Receive the /dev/fuse fd fusermount3 sends (SCM_RIGHTS with one byte). */
static int receive_fd(int sock)
{
        char byte;
        int fd;
        ssize_t n = fd_recv(sock, &byte, 1, &fd);

        if (n < 0)
                return (int)n;
        if (fd < 0)
                return -EPROTO; /* fusermount3 said why on stderr */
        return fd;
}

static void wait_pid(pid_t pid)
{
        if (pid > 0)
                while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
                        ;
}

/* fusermount3 -o ... -- MOUNTPOINT: it mounts, then sends the connection's fd on the socket
 * named by _FUSE_COMMFD (its own protocol, as libfuse speaks it). */
static int fusermount(struct trace_overlays *o, struct fuse_mount *m, bool read_only)
{
        int sv[2], fd;
        pid_t pid;

        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
                return -errno;
        pid = fork();
        if (pid < 0) {
                close(sv[0]);
                close(sv[1]);
                return -errno;
        }
        if (pid == 0) {
                char env[32];
                fcntl(sv[1], F_SETFD, 0);
                snprintf(env, sizeof env, "%d", sv[1]);
                setenv("_FUSE_COMMFD", env, 1);
                execl(o->fusermount, "fusermount3", "-o",
                      read_only ? "fsname=uspawn-overlay,subtype=fuse-overlayfs,ro"
                                : "fsname=uspawn-overlay,subtype=fuse-overlayfs",
                      "--", m->mountpoint, (char *)NULL);
                _exit(127);
        }
        close(sv[1]);
        fd = receive_fd(sv[0]);
        close(sv[0]);
        wait_pid(pid);
        return fd;
}

/* stdin and stdout of a helper that may outlive uspawn for a moment: /dev/null (stderr stays,
 * for its own messages) */
static void null_stdio(void)
{
        int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

        if (fd >= 0) {
                dup2(fd, STDIN_FILENO);
                dup2(fd, STDOUT_FILENO);
                close(fd);
        }
}

/* The guard: in a session of its own (the terminal's ^C is for the guest), holding nothing of
 * ours but the pipe's end; when that reads EOF, fusermount3 -u -z. */
static int start_guard(struct trace_overlays *o, struct fuse_mount *m)
{
        int p[2];
        pid_t pid;

        if (pipe2(p, O_CLOEXEC) < 0)
                return -errno;
        pid = fork();
        if (pid < 0) {
                close(p[0]);
                close(p[1]);
                return -errno;
        }
        if (pid == 0) {
                char x;
                (void)setsid();
                signal(SIGTERM, SIG_IGN);
                signal(SIGINT, SIG_IGN);
                signal(SIGHUP, SIG_IGN);
                if (dup2(p[0], 3) < 0)
                        _exit(1);
                (void)close_range(4, ~0U, 0);
                null_stdio(); /* a caller reading our output must not wait for the guard */
                while (read(3, &x, 1) < 0 && errno == EINTR)
                        ;
                execl(o->fusermount, "fusermount3", "-u", "-z", "-q", "--", m->mountpoint, (char *)NULL);
                _exit(127);
        }
        close(p[0]);
        m->guard = pid;
        m->guard_fd = p[1];
        return 0;
}

static int start_daemon(struct trace_overlays *o, struct fuse_mount *m, const char *opts, int fuse)
{
        char dev[32];
        pid_t pid = fork();

        if (pid < 0)
                return -errno;
        if (pid == 0) {
                (void)setsid();
                (void)prctl(PR_SET_PDEATHSIG, SIGTERM);
                null_stdio();
                fcntl(fuse, F_SETFD, 0);
                snprintf(dev, sizeof dev, "/dev/fd/%d", fuse);
                execl(o->program, "fuse-overlayfs", "-f", "-o", opts, dev, (char *)NULL);
                _exit(127);
        }
        m->daemon = pid;
        return 0;
}

/* Mount fuse-overlayfs with opts on a new directory name in tt's directory. */
static int mount_fuse(struct trace_table *tt, const char *name, const char *opts, bool read_only, const char *where,
                      char **ret_mountpoint)
{
        struct trace_overlays *o = tt->overlays;
        struct fuse_mount *ms = talloc_realloc(o, o->m, struct fuse_mount, o->n + 1), *m;
        _cleanup_close_ int fuse = -EBADF;
        struct stat st;
        int r;

        if (!ms)
                return log_error_errno(-ENOMEM, "Out of memory");
        o->m = ms;
        m = &ms[o->n];
        *m = (struct fuse_mount){.mountpoint = talloc_asprintf(o, "%s/%s", tt->tmp_base, name), .guard_fd = -EBADF};
        if (!m->mountpoint)
                return log_error_errno(-ENOMEM, "Out of memory");
        if (mkdir(m->mountpoint, 0700) < 0)
                return log_error_errno(-errno, "Failed to make %s: %m", m->mountpoint);
        o->n++; /* from here on, the clean-up knows it */
        r = start_guard(o, m);
        if (r < 0)
                return log_error_errno(r, "Failed to fork: %m");
        fuse = fusermount(o, m, read_only);
        if (fuse == -EPROTO)
                return log_error_errno(fuse, "Cannot mount the overlay on %s: %s refused to mount %s (its message "
                                             "is above)", where, o->fusermount, m->mountpoint);
        if (fuse < 0)
                return log_error_errno(fuse, "Cannot mount the overlay on %s: %s could not mount %s: %m", where,
                                       o->fusermount, m->mountpoint);
        r = start_daemon(o, m, opts, fuse);
        if (r < 0)
                return log_error_errno(r, "Failed to start fuse-overlayfs: %m");
        fuse = safe_close(fuse); /* the daemon's copy is the only one: if it fails, stat says so */
        if (stat(m->mountpoint, &st) < 0)
                return log_error_errno(-errno, "Cannot mount the overlay on %s: %s did not start (%m)", where,
                                       o->program);
        log_debug("Trace backend: overlay on %s mounted with fuse-overlayfs on %s.", where, m->mountpoint);
        *ret_mountpoint = m->mountpoint;
        return 0;
}

/* Still a mount of its own: another device than the directory it is in. */
static bool still_mounted(const char *mountpoint)
{
        _cleanup_free_ char *parent = strdup(mountpoint);
        struct stat a, b;

        if (!parent)
                return true;
        *strrchr(parent, '/') = '\0';
        return lstat(mountpoint, &a) < 0 || lstat(parent, &b) < 0 || a.st_dev != b.st_dev;
}

static void unmount_one(struct fuse_mount *m)
{
        /* our end closed, the guard unmounts (detached); the daemon's connection is gone with
         * the mount, so it exits too */
        m->guard_fd = safe_close(m->guard_fd);
        wait_pid(m->guard);
        if (still_mounted(m->mountpoint))
                log_warning("Failed to unmount the overlay on %s; fusermount3 -u %s removes it.", m->mountpoint,
                            m->mountpoint);
        if (m->daemon > 0)
                kill(m->daemon, SIGTERM);
        wait_pid(m->daemon);
        m->daemon = m->guard = 0;
}

void trace_overlays_unmount(struct trace_table *tt)
{
        struct trace_overlays *o = tt->overlays;

        for (unsigned i = o ? o->n : 0; i > 0; i--) /* the last mounted first */
                unmount_one(&o->m[i - 1]);
        if (o && tt->settings) /* the scratch directory and the workdirs beside the uppers */
                overlay_cleanup(tt->settings, -EBADF);
}

/* A layer's host path: a host directory, or a path of the guest's view so far ('+'). */
static int layer_path(struct trace_table *tt, const struct overlay_layer *l, const char *what, char **ret)
{
        struct resolve rs = {.paths = &tt->paths, .tid = getpid(), .tgid = getpid(), .scope = "/",
                             .flags = RESOLVE_FOLLOW_LAST};
        char *guest, *host = l->path;
        struct stat st;
        int r = 0;

        if (l->in_root)
                r = path_resolve(tt, &rs, "/", l->path, &guest, &host);
        if (r >= 0 && stat(host, &st) < 0)
                r = -errno;
        if (r >= 0 && !S_ISDIR(st.st_mode))
                r = -ENOTDIR;
        if (r < 0)
                return log_error_errno(r, "Cannot open the overlay's %s %s%s: %m", what, l->in_root ? "+" : "",
                                       l->path);
        if (strpbrk(host, ",:"))
                return log_error_errno(-EINVAL, "fuse-overlayfs cannot take the %s %s: its path has ',' or ':'", what,
                                       host);
        *ret = host;
        return 0;
}

/* upper and work made in parent, upper with the mode of the directory it covers. */
static int make_upper_work(void *ctx, const char *parent, const char *covered, char **ret_upper, char **ret_work)
{
        char *upper = talloc_asprintf(ctx, "%s/upper", parent), *work = talloc_asprintf(ctx, "%s/work", parent);
        struct stat st;

        if (!upper || !work)
                return -ENOMEM;
        if (stat(covered, &st) < 0 || mkdir(upper, 0700) < 0 || chmod(upper, st.st_mode & 07777) < 0 ||
            mkdir(work, 0700) < 0)
                return -errno;
        *ret_upper = upper;
        *ret_work = work;
        return 0;
}

int trace_overlay_mount(struct trace_table *tt, const struct mount_op *op, enum overlay_driver d, char **ret)
{
        const struct overlay_spec *s = op->overlay;
        char *opts = talloc_strdup(tt, "lowerdir="), *path, *upper = NULL, *work = NULL, *top = NULL, *name;
        int r = fuse_ready(tt, d);

        if (r < 0)
                return r;
        if (s->upper.path && s->read_only) { /* --overlay-ro: the upper is only the top lower layer */
                if ((r = layer_path(tt, &s->upper, "upper layer", &top)) < 0)
                        return r;
                opts = talloc_asprintf_append(opts, "%s", top);
        }
        for (unsigned i = s->n_lower; opts && i > 0; i--) { /* top first */
                if ((r = layer_path(tt, &s->lower[i - 1], "lower layer", &path)) < 0)
                        return r;
                opts = talloc_asprintf_append(opts, "%s%s", top ? ":" : "", path);
                top = top ?: path;
        }
        name = talloc_asprintf(tt, "overlay%u", tt->overlays->n);
        if (!opts || !name)
                return log_error_errno(-ENOMEM, "Out of memory");
        if (s->upper.path && !s->read_only) {
                struct resolve rs = {.paths = &tt->paths, .tid = getpid(), .tgid = getpid(), .scope = "/",
                                     .flags = RESOLVE_FOLLOW_LAST};
                char *parent, *guest;
                path = s->upper.path;
                if (s->upper.in_root && path_resolve(tt, &rs, "/", s->upper.path, &guest, &path) < 0)
                        path = NULL;
                if (path && (r = mkdir_p(path, 0755)) < 0) /* as nspawn makes a missing upper */
                        return log_error_errno(r, "Cannot create the overlay's upper layer %s: %m", path);
                if ((r = layer_path(tt, &s->upper, "upper layer", &upper)) < 0 ||
                    (r = layer_path(tt, &s->work_parent, "upper layer's parent", &parent)) < 0)
                        return r;
                work = talloc_asprintf(tt, "%s/%s", parent, s->work);
                if (!work || mkdir(work, 0700) < 0)
                        return log_error_errno(work ? -errno : -ENOMEM,
                                               "Cannot create the overlay's workdir %s beside its upper layer: %m", work);
        } else if (!s->read_only) { /* an empty UPPER: thrown away at exit, as the tmpfs would be */
                char *parent = talloc_asprintf(tt, "%s/%s-layers", tt->tmp_base, name);
                if (!parent || mkdir(parent, 0700) < 0 || (r = make_upper_work(tt, parent, top, &upper, &work)) < 0)
                        return log_error_errno(parent ? (r < 0 ? r : -errno) : -ENOMEM,
                                               "Cannot make an upper layer for the overlay on %s: %m", s->destination);
        }
        if (upper)
                opts = talloc_asprintf_append(opts, ",upperdir=%s,workdir=%s", upper, work);
        if (!opts)
                return log_error_errno(-ENOMEM, "Out of memory");
        return mount_fuse(tt, name, opts, s->read_only, s->destination, ret);
}

/* --volatile=yes: a private directory as the root, the tree's /usr read-only in it, and the
 * tree's top-level links into usr (bin -> usr/bin ...), as the userns backend makes them. */
static int root_private(struct trace_table *tt, const char *tree, char **ret)
{
        char *root = talloc_asprintf(tt, "%s/root", tt->tmp_base), *usr = talloc_asprintf(tt, "%s/usr", tree);
        _cleanup_close_ int treefd = -EBADF, rootfd = -EBADF;
        struct stat st;

        if (!root || !usr)
                return log_error_errno(-ENOMEM, "Out of memory");
        if (stat(usr, &st) < 0 || !S_ISDIR(st.st_mode))
                return log_error_errno(-ENOENT, "--volatile=yes keeps only the tree's /usr, and %s has none", tree);
        if (mkdir(root, 0755) < 0 || chmod(root, 0755) < 0 || mkdir(talloc_asprintf(tt, "%s/usr", root), 0755) < 0)
                return log_error_errno(-errno, "Failed to make the root %s: %m", root);
        treefd = open(tree, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (treefd < 0 || rootfd < 0 || overlay_copy_usr_links(treefd, rootfd) < 0)
                return log_error_errno(-errno, "Failed to read the top of %s: %m", tree);
        *ret = root;
        return path_table_add(tt, &tt->paths, "/usr", usr, true);
}

/* -x and --volatile=overlay: the tree as the only lower layer, the upper in the scratch
 * directory (--ephemeral-dir) or in tt's private directory, gone at exit either way. */
static int root_overlay(struct trace_table *tt, const struct mount_op *op, enum overlay_driver d, const char *tree,
                        char **ret)
{
        char *parent = op->source ?: talloc_asprintf(tt, "%s/root-layers", tt->tmp_base), *upper, *work, *opts;
        int r = fuse_ready(tt, d);

        if (r < 0)
                return r;
        if (!parent)
                return log_error_errno(-ENOMEM, "Out of memory");
        if (mkdir(parent, 0700) < 0)
                return log_error_errno(-errno, "Failed to create the scratch directory %s: %m", parent);
        r = make_upper_work(tt, parent, tree, &upper, &work);
        if (r < 0)
                return log_error_errno(r, "Failed to make the root's upper layer in %s: %m", parent);
        if (strpbrk(tree, ",:") || strpbrk(parent, ",:"))
                return log_error_errno(-EINVAL, "fuse-overlayfs cannot take %s as a layer: its path has ',' or ':'",
                                       strpbrk(tree, ",:") ? tree : parent);
        opts = talloc_asprintf(tt, "lowerdir=%s,upperdir=%s,workdir=%s", tree, upper, work);
        if (!opts)
                return log_error_errno(-ENOMEM, "Out of memory");
        return mount_fuse(tt, "root", opts, false, "/", ret);
}

int trace_overlay_root(struct trace_table *tt, const struct mount_op *op, enum overlay_driver d)
{
        struct trace_mount *row = &tt->paths.rows[0];
        char *root;
        int r = op->kind == OP_ROOT_TMPFS ? root_private(tt, row->host, &root) : root_overlay(tt, op, d, row->host, &root);

        if (r < 0)
                return r;
        row = &tt->paths.rows[0]; /* root_private added a row */
        row->host = talloc_strdup(tt->paths.rows, root);
        if (!row->host)
                return log_error_errno(-ENOMEM, "Out of memory");
        row->host_len = strlen(root);
        return 0;
}
