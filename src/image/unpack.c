/* The safe unpacker. Every entry's path is normalised (a '..' component is refused, a leading
 * '/' dropped), its parent directory is resolved inside the tree (open_in_root: symbolic links,
 * absolute or relative, cannot lead out), and the entry itself is made with *at() calls on that
 * parent that never follow a link. Whatever is in the way is removed first, so a directory
 * replaced by a link, then a file "under" it, lands inside the tree too. */
#include "image/unpack.h"

#include <archive_entry.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <talloc.h>
#include <unistd.h>

#include "image/interrupt.h"
#include "image/records.h"
#include "image/remove.h"
#include "util/fs.h"
#include "util/log.h"

struct dir_fixup {
        char *path;
        mode_t mode;
        bool has_times;
        struct timespec times[2];
        size_t order;
};

#define WHITEOUT_PREFIX ".wh."
#define WHITEOUT_OPAQUE ".wh..wh..opq"

int unpack_init(struct unpack *u, void *ctx, int rootfd, const struct image_ids *ids, bool whiteouts)
{
        *u = (struct unpack){.ctx = ctx, .rootfd = rootfd, .ids = ids, .whiteouts = whiteouts, .cached_fd = -EBADF};
        u->layer = pathmap_new(ctx);
        u->records = pathmap_new(ctx);
        if (!u->layer || !u->records)
                return log_error_errno(-ENOMEM, "Out of memory");
        return 0;
}

void unpack_done(struct unpack *u)
{
        u->cached_fd = safe_close(u->cached_fd);
}

/* The entry's path as "a/b/c" ("" for the tree's root). Returns -EINVAL for a '..' component. */
static int normalise(void *ctx, const char *raw, char **ret, bool *ret_absolute)
{
        char *out = talloc_strdup(ctx, ""), *copy = talloc_strdup(ctx, raw), *save = NULL;

        if (!out || !copy)
                return -ENOMEM;
        *ret_absolute = raw[0] == '/';
        for (char *c = strtok_r(copy, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
                if (streq(c, "."))
                        continue;
                if (streq(c, ".."))
                        return -EINVAL;
                out = talloc_asprintf_append(out, "%s%s", out[0] ? "/" : "", c);
                if (!out)
                        return -ENOMEM;
        }
        *ret = out;
        return 0;
}

static void invalidate_cache(struct unpack *u)
{
        u->cached_fd = safe_close(u->cached_fd);
        TALLOC_FREE(u->cached_dir);
}

/* An O_PATH fd of directory dir (normalised, "" for the root) resolved inside the tree, created
 * (0755, as tar does) when missing. Owned by the cache: do not close. */
static int parent_fd(struct unpack *u, const char *dir)
{
        char *abs;
        int fd;

        if (u->cached_fd >= 0 && streq(u->cached_dir, dir))
                return u->cached_fd;
        invalidate_cache(u);
        abs = talloc_asprintf(u->scratch, "/%s", dir);
        fd = open_in_root(u->rootfd, abs, O_PATH | O_DIRECTORY);
        if (fd == -ENOENT) {
                fd = open_or_create_in_root(u->rootfd, abs, CREATE_DIRECTORY);
                if (fd >= 0) {
                        close(fd);
                        fd = open_in_root(u->rootfd, abs, O_PATH | O_DIRECTORY);
                }
        }
        talloc_free(abs);
        if (fd < 0)
                return fd;
        u->cached_fd = fd;
        u->cached_dir = talloc_strdup(u->ctx, dir);
        return fd;
}

/* Note path and its ancestors as written by the current archive. */
static int mark_written(struct unpack *u, const char *path)
{
        char *p = talloc_strdup(u->scratch, path);
        int r = 0;

        while (p && p[0] && !pathmap_contains(u->layer, p)) {
                char *slash = strrchr(p, '/');
                r = pathmap_put(u->layer, p, u);
                if (r < 0 || !slash)
                        break;
                *slash = '\0';
        }
        talloc_free(p);
        return p ? r : -ENOMEM;
}

/* Make room for a new entry called name in parent: returns 1 when a directory is there and a
 * directory is wanted (it is kept, as tar and OCI merge directories), else removes what is
 * there and returns 0. */
static int make_room(struct unpack *u, int parent, const char *name, bool want_dir)
{
        struct stat st;
        int r;

        if (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
                return errno == ENOENT ? 0 : -errno;
        if (want_dir && S_ISDIR(st.st_mode))
                return 1;
        r = rm_rf_at(parent, name);
        if (S_ISDIR(st.st_mode) || S_ISLNK(st.st_mode))
                invalidate_cache(u); /* it may have been a component of the cached directory */
        return r < 0 ? r : 0;
}

/* Owners: root:root is what we create anyway; ids the namespace maps are written; the rest are
 * recorded (and a previous record of the path dropped when not needed any more). */
static int apply_owner(struct unpack *u, struct archive_entry *e, const char *path, int fd, int dirfd,
                       const char *name)
{
        uint32_t uid = (uint32_t)archive_entry_uid(e), gid = (uint32_t)archive_entry_gid(e);
        int r;

        if (uid == 0 && gid == 0)
                return records_forget(u->records, path);
        if (!image_ids_mapped(u->ids, uid, gid))
                return records_add(u->records, path, archive_entry_filetype(e), uid, gid,
                                   archive_entry_perm(e), 0);
        r = fd >= 0 ? fchown(fd, uid, gid) : fchownat(dirfd, name, uid, gid, AT_SYMLINK_NOFOLLOW);
        if (r < 0)
                return log_error_errno(-errno, "Failed to set the owner %u:%u of '%s': %m", uid, gid, path);
        return records_forget(u->records, path);
}

static void apply_xattrs(struct unpack *u, struct archive_entry *e, const char *path, int fd)
{
        const char *name;
        const void *value;
        size_t size;

        if (archive_entry_xattr_reset(e) == 0)
                return;
        while (archive_entry_xattr_next(e, &name, &value, &size) == ARCHIVE_OK) {
                if (fsetxattr(fd, name, value, size, 0) == 0)
                        continue;
                if (!u->xattr_failures++)
                        u->xattr_failure = talloc_asprintf(u->ctx, "%s on '%s': %s", name, path, strerror(errno));
        }
}

static void entry_times(struct archive_entry *e, struct timespec ts[2])
{
        ts[0] = (struct timespec){.tv_nsec = UTIME_OMIT};
        ts[1] = (struct timespec){.tv_nsec = UTIME_OMIT};
        if (archive_entry_atime_is_set(e))
                ts[0] = (struct timespec){archive_entry_atime(e), archive_entry_atime_nsec(e)};
        if (archive_entry_mtime_is_set(e))
                ts[1] = (struct timespec){archive_entry_mtime(e), archive_entry_mtime_nsec(e)};
}

static int copy_data(struct unpack *u, struct archive *a, struct archive_entry *e, int fd, const char *path,
                     const char *source)
{
        int64_t pos = 0, size = archive_entry_size(e);
        const void *buf;
        size_t len;
        la_int64_t offset;
        int r;

        while ((r = archive_read_data_block(a, &buf, &len, &offset)) == ARCHIVE_OK) {
                if (offset != pos && lseek(fd, offset, SEEK_SET) < 0)
                        return log_error_errno(-errno, "Failed to seek in '%s': %m", path);
                for (size_t done = 0; done < len;) {
                        ssize_t n = write(fd, (const char *)buf + done, len - done);
                        if (n < 0)
                                return log_error_errno(-errno, "Failed to write '%s': %m", path);
                        done += (size_t)n;
                }
                pos = offset + (int64_t)len;
                progress_add(&u->progress, len, 0);
        }
        if (r != ARCHIVE_EOF) {
                if (import_interrupted())
                        return -EINTR;
                return log_error_errno(-EIO, "Failed to read the data of '%s' in %s: %s", path, source,
                                       archive_error_string(a) ?: "corrupt archive");
        }
        if (archive_entry_size_is_set(e) && pos < size && ftruncate(fd, size) < 0) /* a sparse tail */
                return log_error_errno(-errno, "Failed to size '%s': %m", path);
        return 0;
}

static int unpack_file(struct unpack *u, struct archive *a, struct archive_entry *e, int parent, const char *name,
                       const char *path, const char *source)
{
        _cleanup_close_ int fd = -EBADF;
        struct timespec ts[2];
        int r;

        fd = openat(parent, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0)
                return log_error_errno(-errno, "Failed to create '%s': %m", path);
        if ((r = copy_data(u, a, e, fd, path, source)) < 0 || (r = apply_owner(u, e, path, fd, -1, NULL)) < 0)
                return r;
        if (fchmod(fd, archive_entry_perm(e)) < 0) /* after the owner: chown clears setuid */
                return log_error_errno(-errno, "Failed to set the mode of '%s': %m", path);
        apply_xattrs(u, e, path, fd);
        entry_times(e, ts);
        (void)futimens(fd, ts);
        return 0;
}

static int add_fixup(struct unpack *u, const char *path, struct archive_entry *e)
{
        struct dir_fixup *f;

        if (u->n_fixups == u->max_fixups) {
                size_t n = u->max_fixups ? u->max_fixups * 2 : 256;
                struct dir_fixup *grown = talloc_realloc(u->ctx, u->fixups, struct dir_fixup, n);
                if (!grown)
                        return -ENOMEM;
                u->fixups = grown;
                u->max_fixups = n;
        }
        f = &u->fixups[u->n_fixups];
        *f = (struct dir_fixup){.path = talloc_strdup(u->ctx, path), .mode = archive_entry_perm(e),
                                .has_times = archive_entry_mtime_is_set(e), .order = u->n_fixups};
        entry_times(e, f->times);
        u->n_fixups++;
        return f->path ? 0 : -ENOMEM;
}

/* A directory (or the root, name NULL): kept if there, owner and xattrs now, but writable for us
 * until unpack_finish gives it its mode and times (its entries change its mtime meanwhile). */
static int unpack_dir(struct unpack *u, struct archive_entry *e, int parent, const char *name, const char *path,
                      bool exists)
{
        _cleanup_close_ int fd = -EBADF;
        int r;

        if (name && !exists && mkdirat(parent, name, 0700) < 0)
                return log_error_errno(-errno, "Failed to create directory '%s': %m", path);
        fd = openat(name ? parent : u->rootfd, name ?: ".", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
                return log_error_errno(-errno, "Failed to open directory '%s': %m", path[0] ? path : "/");
        if ((r = apply_owner(u, e, path, fd, -1, NULL)) < 0)
                return r;
        if (fchmod(fd, archive_entry_perm(e) | 0700) < 0)
                return log_error_errno(-errno, "Failed to set the mode of '%s': %m", path);
        apply_xattrs(u, e, path, fd);
        return add_fixup(u, path, e);
}

static int unpack_symlink(struct unpack *u, struct archive_entry *e, int parent, const char *name, const char *path)
{
        const char *target = archive_entry_symlink(e) ?: archive_entry_symlink_utf8(e);
        struct timespec ts[2];
        int r;

        if (!target || !target[0])
                return log_error_errno(-EINVAL, "Symbolic link '%s' has no target; the archive is corrupt", path);
        /* the target is stored as it is: it is resolved inside the tree whenever it is used */
        if (symlinkat(target, parent, name) < 0)
                return log_error_errno(-errno, "Failed to create symbolic link '%s': %m", path);
        if ((r = apply_owner(u, e, path, -1, parent, name)) < 0)
                return r;
        entry_times(e, ts);
        (void)utimensat(parent, name, ts, AT_SYMLINK_NOFOLLOW);
        return 0;
}

/* A hard link: its target is resolved inside the tree like any path (so "/etc/passwd" means the
 * image's), and linked without following a final symbolic link. */
static int unpack_hardlink(struct unpack *u, struct archive_entry *e, int parent, const char *name, const char *path)
{
        const char *raw = archive_entry_hardlink(e), *tname;
        _cleanup_close_ int tparent = -EBADF;
        char *target, *tdir;
        bool absolute;
        int r;

        r = normalise(u->scratch, raw, &target, &absolute);
        if (r == -EINVAL)
                return log_error_errno(r, "Refusing hard link '%s' to '%s': its target climbs out of the tree with '..'",
                                       path, raw);
        if (r < 0)
                return log_error_errno(r, "Out of memory");
        if (streq(target, path))
                return 0;
        tname = strrchr(target, '/');
        tdir = tname ? talloc_strndup(u->scratch, target, (size_t)(tname - target)) : talloc_strdup(u->scratch, "");
        tname = tname ? tname + 1 : target;
        if (!target[0])
                return log_error_errno(-EINVAL, "Refusing hard link '%s' to the tree's root", path);
        tparent = open_in_root(u->rootfd, talloc_asprintf(u->scratch, "/%s", tdir), O_PATH | O_DIRECTORY);
        if (tparent >= 0 && linkat(tparent, tname, parent, name, 0) == 0) {
                void *rec = pathmap_get(u->records, target);
                return rec ? records_copy(u->records, target, path) : records_forget(u->records, path);
        }
        r = tparent < 0 ? tparent : -errno;
        if (r == -ENOENT)
                return log_error_errno(r, "Hard link '%s' points to '%s', which is not in the image before it", path,
                                       raw);
        return log_error_errno(r, "Failed to create hard link '%s' to '%s': %m", path, raw);
}

static int unpack_fifo(struct unpack *u, struct archive_entry *e, int parent, const char *name, const char *path)
{
        struct timespec ts[2];
        int r;

        if (mkfifoat(parent, name, 0600) < 0)
                return log_error_errno(-errno, "Failed to create FIFO '%s': %m", path);
        if ((r = apply_owner(u, e, path, -1, parent, name)) < 0)
                return r;
        if (fchmodat(parent, name, archive_entry_perm(e), 0) < 0)
                return log_error_errno(-errno, "Failed to set the mode of '%s': %m", path);
        entry_times(e, ts);
        (void)utimensat(parent, name, ts, AT_SYMLINK_NOFOLLOW);
        return 0;
}

struct opaque {
        struct unpack *u;
        const char *dir;
};

static int keep_written(const char *name, void *userdata)
{
        struct opaque *o = userdata;
        char *p = talloc_asprintf(o->u->scratch, "%s%s%s", o->dir, o->dir[0] ? "/" : "", name);
        bool keep = !p || pathmap_contains(o->u->layer, p);

        talloc_free(p);
        return keep;
}

/* .wh.NAME removes NAME of the layers below; .wh..wh..opq empties its directory of them. */
static int unpack_whiteout(struct unpack *u, const char *dir, const char *base, const char *path)
{
        _cleanup_close_ int fd = -EBADF;
        char *victim;
        int r;

        fd = open_in_root(u->rootfd, talloc_asprintf(u->scratch, "/%s", dir), O_RDONLY | O_DIRECTORY);
        if (fd == -ENOENT || fd == -ENOTDIR)
                return 0; /* nothing below to hide */
        if (fd < 0)
                return log_error_errno(fd, "Failed to open the directory of whiteout '%s': %m", path);
        invalidate_cache(u);
        if (streq(base, WHITEOUT_OPAQUE)) {
                struct opaque o = {u, dir};
                r = rm_children_at(fd, keep_written, &o);
        } else {
                victim = talloc_asprintf(u->scratch, "%s%s%s", dir, dir[0] ? "/" : "", base + strlen(WHITEOUT_PREFIX));
                if (!base[strlen(WHITEOUT_PREFIX)] || pathmap_contains(u->layer, victim))
                        return 0;
                r = rm_rf_at(fd, base + strlen(WHITEOUT_PREFIX));
        }
        if (r < 0)
                return log_error_errno(r, "Failed to apply whiteout '%s': %m", path);
        return 0;
}

static int unpack_entry(struct unpack *u, struct archive *a, struct archive_entry *e, const char *source)
{
        const char *raw = archive_entry_pathname(e) ?: archive_entry_pathname_utf8(e), *name;
        char *path, *dir;
        bool absolute;
        int parent, exists, r;
        mode_t type = archive_entry_filetype(e);

        if (!raw)
                return log_error_errno(-EINVAL, "An entry of %s has no name; the archive is corrupt", source);
        r = normalise(u->scratch, raw, &path, &absolute);
        if (r == -EINVAL)
                return log_error_errno(r, "Refusing entry '%s' of %s: it climbs out of the tree with '..'", raw,
                                       source);
        if (r < 0)
                return log_error_errno(r, "Out of memory");
        if (absolute && !u->absolute_noticed) {
                u->absolute_noticed = true;
                log_notice("Removing leading '/' from entry names of %s (first: '%s')", source, raw);
        }
        progress_add(&u->progress, 0, 1);
        if (!path[0])
                return type == AE_IFDIR ? unpack_dir(u, e, -1, NULL, path, true) : 0;

        name = strrchr(path, '/');
        dir = name ? talloc_strndup(u->scratch, path, (size_t)(name - path)) : talloc_strdup(u->scratch, "");
        name = name ? name + 1 : path;
        if (u->whiteouts && startswith(name, WHITEOUT_PREFIX))
                return unpack_whiteout(u, dir, name, path);

        parent = parent_fd(u, dir);
        if (parent < 0)
                return log_error_errno(parent, "Failed to resolve the directory of '%s' in the tree: %m", path);
        if ((r = mark_written(u, path)) < 0)
                return log_error_errno(r, "Out of memory");
        exists = make_room(u, parent, name, type == AE_IFDIR && !archive_entry_hardlink(e));
        if (exists < 0)
                return log_error_errno(exists, "Failed to replace '%s': %m", path);
        if (!u->cached_dir) /* a link or directory was removed: resolve the parent again */
                parent = parent_fd(u, dir);
        if (parent < 0)
                return log_error_errno(parent, "Failed to resolve the directory of '%s' in the tree: %m", path);
        if (archive_entry_hardlink(e))
                return unpack_hardlink(u, e, parent, name, path);
        switch (type) {
        case AE_IFDIR:
                return unpack_dir(u, e, parent, name, path, exists > 0);
        case AE_IFREG:
                return unpack_file(u, a, e, parent, name, path, source);
        case AE_IFLNK:
                return unpack_symlink(u, e, parent, name, path);
        case AE_IFIFO:
                return unpack_fifo(u, e, parent, name, path);
        case AE_IFCHR:
        case AE_IFBLK: /* the container's /dev is made at run time: record, do not create */
                return records_add(u->records, path, type, (uint32_t)archive_entry_uid(e),
                                   (uint32_t)archive_entry_gid(e), archive_entry_perm(e), archive_entry_rdev(e));
        default:
                log_debug("Skipping '%s' of %s: a socket or unknown file type", path, source);
                return 0;
        }
}

int unpack_archive(struct unpack *u, struct archive *a, const char *source, const char *label)
{
        struct archive_entry *e;
        char *last = NULL;
        int r;

        pathmap_clear(u->layer);
        progress_start(&u->progress, label);
        for (;;) {
                if (import_interrupted())
                        return -EINTR;
                r = u->next_entry ? u->next_entry(a, &e, u->next_userdata) : archive_read_next_header(a, &e);
                if (r == ARCHIVE_EOF)
                        break;
                if (r == ARCHIVE_WARN)
                        log_warning("%s: %s", source, archive_error_string(a));
                else if (r != ARCHIVE_OK) {
                        if (import_interrupted())
                                return -EINTR;
                        if (last)
                                return log_error_errno(-EIO, "%s is corrupt or truncated after entry '%s': %s", source,
                                                       last, archive_error_string(a) ?: "unreadable header");
                        return log_error_errno(-EIO, "%s is not a readable tar archive: %s", source,
                                               archive_error_string(a) ?: "unknown format");
                }
                u->scratch = talloc_new(u->ctx); /* what one entry needs */
                r = unpack_entry(u, a, e, source);
                TALLOC_FREE(u->scratch);
                talloc_free(last);
                last = talloc_strdup(u->ctx, archive_entry_pathname(e) ?: "?");
                if (r < 0)
                        return r;
        }
        talloc_free(last);
        progress_end(&u->progress);
        return 0;
}

static size_t depth(const char *path)
{
        size_t n = path[0] ? 1 : 0;

        for (; *path; path++)
                n += *path == '/';
        return n;
}

/* Deepest first (a parent's mode may forbid entering it); the same path in the order written,
 * so the last layer's directory entry wins. */
static int cmp_fixups(const void *a, const void *b)
{
        const struct dir_fixup *x = a, *y = b;
        size_t dx = depth(x->path), dy = depth(y->path);

        if (dx != dy)
                return dx > dy ? -1 : 1;
        return x->order < y->order ? -1 : x->order > y->order;
}

int unpack_finish(struct unpack *u)
{
        invalidate_cache(u);
        if (u->n_fixups > 0) /* qsort(NULL, 0, ...) is undefined */
                qsort(u->fixups, u->n_fixups, sizeof *u->fixups, cmp_fixups);
        for (size_t i = 0; i < u->n_fixups; i++) {
                struct dir_fixup *f = &u->fixups[i];
                char abs[4096];
                _cleanup_close_ int fd = -EBADF;

                snprintf(abs, sizeof abs, "/%s", f->path);
                fd = open_in_root(u->rootfd, abs, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
                if (fd < 0)
                        continue; /* removed or replaced by a later layer */
                if (fchmod(fd, f->mode) < 0)
                        return log_error_errno(-errno, "Failed to set the mode of '%s': %m", f->path);
                if (f->has_times)
                        (void)futimens(fd, f->times);
        }
        if (u->xattr_failures)
                log_notice("%u extended attribute%s could not be kept (first: %s)", u->xattr_failures,
                           u->xattr_failures == 1 ? "" : "s", u->xattr_failure);
        return 0;
}

bool unpack_has_records(const struct unpack *u)
{
        size_t i = 0;
        const char *key;
        void *value;

        while (pathmap_next(u->records, &i, &key, &value))
                if (value)
                        return true;
        return false;
}

int unpack_apply_records(struct unpack *u)
{
        return records_apply_to_tree(u->records, u->rootfd);
}

int unpack_write_records(struct unpack *u, FILE *f)
{
        return records_write(u->records, u->rootfd, f);
}
