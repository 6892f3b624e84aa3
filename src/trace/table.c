/* The plan, emulated: each mount operation becomes a row of the path table, or a notice when it
 * cannot be emulated without mounts. /proc, /sys and /dev are the host's own (as PRoot's -R
 * binds), a tmpfs is a private directory removed at exit, a masked file is /dev/null, a
 * read-only bind is a row that refuses writes with EROFS. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <talloc.h>
#include <unistd.h>

#include "trace/overlay.h"
#include "trace/path.h"
#include "trace/scratch.h"
#include "trace/table.h"

#include "run-host.h"
#include "util/log.h"
#include "util/macro.h"

/* Where a mount at dest would land: dest resolved in the guest's view so far (a link in the tree
 * leads inside the tree, never to the host), the missing components created as the userns
 * backend creates them (directories; the last one a file when the source is one). Creation is
 * best effort: the row works without it, only a listing of the parent would miss the name. */
static int place(struct trace_table *tt, const char *dest, bool dir, char **ret_guest)
{
        struct resolve rs = {.paths = &tt->paths, .tid = getpid(), .tgid = getpid(), .scope = "/",
                             .flags = RESOLVE_FOLLOW_LAST};
        char *guest, *host;
        int r = path_resolve(tt, &rs, "/", dest, &guest, &host);

        if (r < 0)
                return r;
        for (char *p = guest + 1; *guest && guest[1]; p++) {
                char save = *p;
                struct stat st;

                if (save != '/' && save != '\0')
                        continue;
                *p = '\0';
                host = path_to_host(tt, &tt->paths, guest);
                if (host && lstat(host, &st) < 0 && errno == ENOENT) {
                        if (save || dir)
                                r = mkdir(host, 0755);
                        else {
                                int fd = open(host, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
                                r = fd;
                                if (fd >= 0)
                                        close(fd);
                        }
                        if (r < 0)
                                log_debug("Trace backend: cannot make %s: %m", host);
                }
                *p = save;
                if (!save)
                        break;
        }
        *ret_guest = guest;
        return 0;
}

/* mode=NNNN of a tmpfs option string, else 0755 */
static mode_t tmpfs_mode(const char *options)
{
        const char *m = options ? strstr(options, "mode=") : NULL;

        return m ? (mode_t)strtoul(m + 5, NULL, 8) : 0755;
}

static bool is_tmpfs_dir(const char *dir)
{
        struct statfs sf;

        return dir && dir[0] == '/' && statfs(dir, &sf) >= 0 && sf.f_type == TMPFS_MAGIC && access(dir, W_OK) >= 0;
}

/* Where the directories standing in for tmpfs mounts live: on a tmpfs when we have one to
 * write to ($XDG_RUNTIME_DIR, else /dev/shm), so the guest's statfs says tmpfs; else /tmp. */
static const char *private_base(void)
{
        const char *run = getenv("XDG_RUNTIME_DIR");

        if (is_tmpfs_dir(run))
                return run;
        if (is_tmpfs_dir("/dev/shm"))
                return "/dev/shm";
        return run && run[0] == '/' && access(run, W_OK) >= 0 ? run : "/tmp";
}

/* The run's own directory: tmpfs stand-ins and exec links live there, removed at the end. */
static int ensure_base(struct trace_table *tt)
{
        if (tt->tmp_base)
                return 0;
        return trace_scratch_make(tt, private_base(), &tt->tmp_base, &tt->tmp_lock);
}

static int add_private_dir(struct trace_table *tt, const struct mount_op *op)
{
        char *dir;
        int r = ensure_base(tt);

        if (r < 0)
                return r;
        dir = talloc_asprintf(tt, "%s/%u", tt->tmp_base, tt->n_private++);
        if (!dir)
                return -ENOMEM;
        if (mkdir(dir, 0700) < 0 || chmod(dir, tmpfs_mode(op->options)) < 0)
                return log_error_errno(-errno, "Failed to make %s: %m", dir);
        char *guest;
        if (place(tt, op->destination, true, &guest) < 0)
                guest = op->destination;
        return path_table_add(tt, &tt->paths, guest, dir, false);
}

/* /run/host: a private directory with the Container Interface's files (the backend adds
 * container-uuid once it has chosen one). resolv.conf goes there too. */
static int add_run_host(struct trace_table *tt)
{
        _cleanup_close_ int fd = -EBADF;
        int r;

        if (tt->run_host)
                return 0;
        r = add_private_dir(tt, &(struct mount_op){.destination = "/run/host", .options = "mode=0755"});
        if (r < 0)
                return r;
        tt->run_host = tt->paths.rows[tt->paths.n - 1].host;
        fd = open(tt->run_host, O_PATH | O_DIRECTORY | O_CLOEXEC);
        r = fd < 0 ? -errno : run_host_fill(fd, NULL);
        return r < 0 ? log_error_errno(r, "Failed to fill %s for /run/host: %m", tt->run_host) : 0;
}

static int add_resolv_conf(struct trace_table *tt, const struct mount_op *op)
{
        char *file;
        int r = add_run_host(tt);

        if (r < 0)
                return r;
        file = talloc_asprintf(tt, "%s/resolv.conf", tt->run_host);
        FILE *f = file ? fopen(file, "we") : NULL;
        if (!f)
                return log_error_errno(file ? -errno : -ENOMEM, "Failed to write %s: %m", file);
        fputs(op->options ? op->options : "", f);
        fclose(f);
        return path_table_add(tt, &tt->paths, op->destination, file, true);
}

/* +SRC is a path of the guest: what the table built so far shows there (a bind of a bind). With
 * rbind, the binds below it come along, as submounts do. */
static int add_bind_in_root(struct trace_table *tt, const struct mount_op *op)
{
        struct resolve rs = {.paths = &tt->paths, .tid = getpid(), .tgid = getpid(), .scope = "/",
                             .flags = RESOLVE_FOLLOW_LAST};
        char *guest, *host;
        struct stat st;
        unsigned n = tt->paths.n;
        int r;

        r = path_resolve(tt, &rs, "/", op->source, &guest, &host);
        if (r >= 0 && stat(host, &st) < 0)
                r = -errno;
        if (r < 0)
                return op->optional ? 0 : log_error_errno(r, "Failed to bind '%s' (in the tree) on '%s': %m",
                                                          op->source, op->destination);
        char *dest;
        if (place(tt, op->destination, S_ISDIR(st.st_mode), &dest) < 0)
                dest = op->destination;
        r = path_table_add(tt, &tt->paths, dest, host, op->read_only);
        for (unsigned i = 0; r >= 0 && op->recursive && i < n; i++) {
                const struct trace_mount *m = &tt->paths.rows[i];
                size_t gl = strlen(guest);
                if (m->guest_len > gl && strncmp(m->guest, guest, gl) == 0 && m->guest[gl] == '/') {
                        char *dst = talloc_asprintf(tt, "%s%s", dest, m->guest + gl);
                        r = dst ? path_table_add(tt, &tt->paths, dst, m->host, op->read_only || m->read_only)
                                : -ENOMEM;
                }
        }
        return r;
}

static int add_bind(struct trace_table *tt, const struct mount_op *op)
{
        struct stat st;

        if (op->source_in_root)
                return add_bind_in_root(tt, op);
        if (stat(op->source, &st) < 0) {
                if (op->optional)
                        return 0;
                return log_error_errno(-errno, "Failed to bind '%s' on '%s': %m", op->source, op->destination);
        }
        char *dest;
        if (place(tt, op->destination, S_ISDIR(st.st_mode), &dest) < 0)
                dest = op->destination;
        return path_table_add(tt, &tt->paths, dest, op->source, op->read_only);
}

/* An existing row's path made read-only: a new row for the same host path. Recursive, as the
 * userns backend's read-only bind is: the rows below it (binds, shims under /run/host) are
 * added again above it, read-only too, or the new row would hide them. */
static int add_read_only(struct trace_table *tt, const struct mount_op *op)
{
        char *host = path_to_host(tt, &tt->paths, op->destination);
        size_t len = strlen(op->destination);
        unsigned below = tt->paths.n;
        struct stat st;
        int r;

        if (!host)
                return -ENOMEM;
        if (lstat(host, &st) < 0)
                return op->optional ? 0 : log_error_errno(-errno, "Failed to make %s read-only: %m", op->destination);
        r = path_table_add(tt, &tt->paths, op->destination, host, true);
        for (unsigned i = 0; r >= 0 && i < below; i++) {
                const char *guest = tt->paths.rows[i].guest, *row_host = tt->paths.rows[i].host;

                if (strncmp(guest, op->destination, len) == 0 && guest[len] == '/')
                        r = path_table_add(tt, &tt->paths, guest, row_host, true);
        }
        return r;
}

static int add_mask(struct trace_table *tt, const struct mount_op *op)
{
        char *host = path_to_host(tt, &tt->paths, op->destination);
        struct stat st;

        if (!host)
                return -ENOMEM;
        if (lstat(host, &st) < 0)
                return op->optional ? 0 : log_error_errno(-errno, "Failed to hide %s: %m", op->destination);
        return path_table_add(tt, &tt->paths, op->destination, "/dev/null", true);
}

/* --overlay: fuse-overlayfs on a private directory (overlay.c), shown at the destination. */
static int add_overlay(struct trace_table *tt, const struct mount_op *op, enum overlay_driver d)
{
        char *merged, *guest;
        int r = ensure_base(tt);

        if (r >= 0)
                r = trace_overlay_mount(tt, op, d, &merged);
        if (r < 0)
                return r;
        if (place(tt, op->destination, true, &guest) < 0)
                guest = op->destination;
        return path_table_add(tt, &tt->paths, guest, merged, op->read_only);
}

static int add_op(struct trace_table *tt, const struct mount_op *op, enum overlay_driver d)
{
        switch (op->kind) {
        case OP_PROC:
                return path_table_add(tt, &tt->paths, op->destination, "/proc", false);
        case OP_SYSFS:
                return path_table_add(tt, &tt->paths, op->destination, "/sys", true);
        case OP_TMPFS:
                if (streq(op->destination, "/dev")) /* the host's devices, as PRoot binds them */
                        return path_table_add(tt, &tt->paths, "/dev", "/dev", false);
                return add_private_dir(tt, op);
        case OP_DEVPTS:
                return path_table_add(tt, &tt->paths, op->destination, "/dev/pts", false);
        case OP_BIND:
        case OP_BIND_DEVICE:
                return add_bind(tt, op);
        case OP_MASK:
                return add_mask(tt, op);
        case OP_READ_ONLY:
                return add_read_only(tt, op);
        case OP_ROOT_READ_ONLY:
                tt->paths.rows[0].read_only = true;
                return 0;
        case OP_RESOLV_CONF:
                return add_resolv_conf(tt, op);
        case OP_RUN_HOST:
                return add_run_host(tt);
        case OP_OVERLAY:
                return add_overlay(tt, op, d);
        case OP_ROOT_OVERLAY:
        case OP_ROOT_TMPFS:
                return ensure_base(tt) < 0 ? -EIO : trace_overlay_root(tt, op, d);
        case OP_SYMLINK: /* /dev/fd and friends: the host's /dev has them */
        case OP_CONSOLE: /* the command runs on uspawn's own terminal */
        case OP_MQUEUE:
        case OP_CGROUP:
                log_debug("Trace backend: %s at %s is the host's.", mount_op_kind_to_string(op->kind),
                          op->destination);
                return 0;
        case OP_NOTIFY: /* rows to the relays' sockets, made at run time (relay.c) */
        case OP_SYSLOG:
                return 0;
        }
        return -EINVAL;
}

int trace_table_build(void *ctx, const struct settings *s, const struct plan *p, struct trace_table **ret)
{
        struct trace_table *tt = talloc_zero(ctx, struct trace_table);
        int r;

        if (!tt)
                return log_error_errno(-ENOMEM, "Out of memory");
        tt->tmp_lock = -EBADF;
        talloc_set_destructor(tt, trace_table_cleanup);
        tt->settings = s;
        r = path_table_add(tt, &tt->paths, "/", s->root, false);
        for (unsigned i = 0; r >= 0 && i < p->n_ops; i++) {
                r = add_op(tt, &p->ops[i], p->overlay_driver);
                if (r == -ENOMEM)
                        log_error_errno(r, "Out of memory");
        }
        if (r < 0) {
                talloc_free(tt);
                return r;
        }
        r = ensure_base(tt);
        if (r >= 0) {
                tt->exec_dir = talloc_asprintf(tt, "%s/exec", tt->tmp_base);
                if (!tt->exec_dir || mkdir(tt->exec_dir, 0700) < 0)
                        r = log_error_errno(tt->exec_dir ? -errno : -ENOMEM, "Failed to make %s: %m", tt->exec_dir);
        }
        if (r < 0) {
                talloc_free(tt);
                return r;
        }
        for (unsigned i = 0; i < tt->paths.n; i++)
                log_debug("Trace backend path table: %s -> %s%s", tt->paths.rows[i].guest, tt->paths.rows[i].host,
                          tt->paths.rows[i].read_only ? " (read-only)" : "");
        *ret = tt;
        return 0;
}

int trace_table_cleanup(struct trace_table *tt)
{
        trace_overlays_unmount(tt); /* first: the removal must never walk into an overlay */
        tt->overlays = NULL;
        tt->settings = NULL;
        if (tt->tmp_base) {
                trace_scratch_remove(tt->tmp_base);
                tt->tmp_base = NULL;
        }
        tt->tmp_lock = safe_close(tt->tmp_lock); /* after the removal: no sweep may race it */
        return 0;
}
