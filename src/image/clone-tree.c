/* The clone walk: openat() recursion with a source and a destination directory fd per level,
 * lstat-style calls only (AT_SYMLINK_NOFOLLOW, O_NOFOLLOW), directories' metadata applied after
 * their contents so their times survive. Ownership is written with chown where permitted (as root
 * of the caller's user namespace every mapped id is) and set-id bits are put back after it. */
#include "image/clone-tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <talloc.h>
#include <unistd.h>

#include "image/copy-data.h"
#include "image/pathmap.h"
#include "util/fs.h"
#include "util/log.h"

/* Open a source entry. Outside a user namespace (refused here) a file or directory the user
 * owns but may not read (mode 0000, a 0700 directory of 0600) is lent u+r (u+rx for a directory)
 * for the open and given its mode back; one owned by another id cannot be, and says so. For a
 * directory *ret_lent says its mode must be put back once its contents are read. */
static int open_source(struct clone_tree *c, int sfd, const char *name, int flags, const struct stat *st,
                       const char *path, bool *ret_lent)
{
        mode_t extra = S_ISDIR(st->st_mode) ? S_IRUSR | S_IXUSR : S_IRUSR;
        int fd = openat(sfd, name, flags), r;

        if (ret_lent)
                *ret_lent = false;
        if (fd >= 0 || errno != EACCES)
                return fd >= 0 ? fd : log_error_errno(-errno, "Failed to open %s in %s: %m", path, c->source);
        if (st->st_uid != geteuid())
                return log_error_errno(-EACCES, "Failed to open %s in %s: %m; its owner, uid %u, is not you, and only "
                                                "a user namespace (refused here) lets uspawnctl read it",
                                       path, c->source, (unsigned)st->st_uid);
        if (fchmodat(sfd, name, (st->st_mode & 07777) | extra, 0) < 0)
                return log_error_errno(-errno, "Failed to open %s in %s: %m", path, c->source);
        fd = openat(sfd, name, flags);
        r = -errno;
        if (fd < 0 || !ret_lent)
                (void)fchmodat(sfd, name, st->st_mode & 07777, 0);
        else
                *ret_lent = true;
        if (c->lent++ == 0)
                log_notice("Reading entries only you own that you may not read (first: %s) by lending them u+r "
                           "for the moment: user namespaces are refused here.",
                           path);
        return fd >= 0 ? fd : log_error_errno(r, "Failed to open %s in %s: %m", path, c->source);
}

static void note(char *first, size_t size, uint64_t *count, const char *path)
{
        if ((*count)++ == 0)
                snprintf(first, size, "%s", path);
}

/* Owner, xattrs, mode (after chown, which clears set-id bits), times: on an fd. */
static int apply_meta_fd(struct clone_tree *c, int in, int out, const struct stat *st, const char *path)
{
        struct timespec ts[2] = {st->st_atim, st->st_mtim};
        unsigned xf = 0;

        if (fchown(out, st->st_uid, st->st_gid) < 0) {
                if (errno != EPERM && errno != EINVAL)
                        return log_error_errno(-errno, "Failed to set the owner of %s: %m", path);
                note(c->first_owner, sizeof c->first_owner, &c->owners_kept_ours, path);
        }
        (void)copy_xattrs(in, out, &xf, c->xattr_failures ? NULL : c->first_xattr, sizeof c->first_xattr);
        c->xattr_failures += xf;
        if (fchmod(out, st->st_mode & 07777) < 0)
                return log_error_errno(-errno, "Failed to set the mode of %s: %m", path);
        if (futimens(out, ts) < 0)
                return log_error_errno(-errno, "Failed to set the times of %s: %m", path);
        return 0;
}

/* The same for an entry we hold no fd on (symbolic links, FIFOs, sockets). */
static int apply_meta_at(struct clone_tree *c, int dfd, const char *name, const struct stat *st, const char *path)
{
        struct timespec ts[2] = {st->st_atim, st->st_mtim};

        if (fchownat(dfd, name, st->st_uid, st->st_gid, AT_SYMLINK_NOFOLLOW) < 0) {
                if (errno != EPERM && errno != EINVAL)
                        return log_error_errno(-errno, "Failed to set the owner of %s: %m", path);
                note(c->first_owner, sizeof c->first_owner, &c->owners_kept_ours, path);
        }
        if (!S_ISLNK(st->st_mode) && fchmodat(dfd, name, st->st_mode & 07777, 0) < 0)
                return log_error_errno(-errno, "Failed to set the mode of %s: %m", path);
        if (utimensat(dfd, name, ts, AT_SYMLINK_NOFOLLOW) < 0)
                return log_error_errno(-errno, "Failed to set the times of %s: %m", path);
        return 0;
}

static int tick(uint64_t bytes, void *userdata)
{
        struct clone_tree *c = userdata;

        progress_add(&c->progress, bytes - c->file_bytes, 0);
        c->bytes += bytes - c->file_bytes;
        c->file_bytes = bytes;
        return c->interrupted && c->interrupted() ? -EINTR : 0;
}

/* A copy (or reflink) of one regular file: written 0600, then owner, xattrs, mode, times. */
static int copy_file(struct clone_tree *c, int sfd, int dfd, const char *name, const struct stat *st, const char *path,
                     bool reflink)
{
        _cleanup_close_ int in = -EBADF, out = -EBADF;
        int r;

        in = open_source(c, sfd, name, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC | O_NONBLOCK, st, path, NULL);
        if (in < 0)
                return in;
        out = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (out < 0)
                return log_error_errno(-errno, "Failed to create %s: %m", path);
        if (reflink) {
                r = copy_reflink(in, out);
                if (r < 0 && c->method == CLONE_METHOD_REFLINK)
                        return log_error_errno(r,
                                               "Failed to reflink %s (FICLONE): %m; --method=auto picks "
                                               "what this filesystem can do",
                                               path);
                if (r >= 0) {
                        c->reflinked++;
                        progress_add(&c->progress, (uint64_t)st->st_size, 0);
                        c->bytes += (uint64_t)st->st_size;
                }
        } else
                r = -1;
        if (r < 0) {
                c->file_bytes = 0; /* tick counts from zero per file */
                r = copy_data(in, out, st->st_size, tick, c);
                if (r == -EINTR)
                        return r;
                if (r < 0)
                        return log_error_errno(r, "Failed to copy %s: %m", path);
                c->copied++;
        }
        return apply_meta_fd(c, in, out, st, path);
}

/* The first regular file decides what auto means here: a reflink if the filesystem shares data,
 * else a hard link if it lets us, else copies. */
static int pick_method(struct clone_tree *c, int sfd, int dfd, const char *name)
{
        _cleanup_close_ int in = -EBADF, out = -EBADF;
        int r;

        in = openat(sfd, name, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
        out = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        r = in >= 0 && out >= 0 ? copy_reflink(in, out) : -EBADF;
        if (out >= 0)
                (void)unlinkat(dfd, name, 0);
        if (r >= 0)
                return CLONE_METHOD_REFLINK;
        if (linkat(sfd, name, dfd, name, 0) >= 0) {
                (void)unlinkat(dfd, name, 0);
                return CLONE_METHOD_HARDLINK;
        }
        return CLONE_METHOD_COPY;
}

static int clone_regular(struct clone_tree *c, int sfd, int dfd, const char *name, const struct stat *st,
                         const char *path)
{
        char key[64];
        const char *first;

        if (c->used == CLONE_METHOD_NONE)
                c->used = pick_method(c, sfd, dfd, name);
        if (c->used == CLONE_METHOD_HARDLINK) {
                if (linkat(sfd, name, dfd, name, 0) >= 0) {
                        c->linked++;
                        c->bytes += (uint64_t)st->st_size;
                        progress_add(&c->progress, (uint64_t)st->st_size, 0);
                        return 0;
                }
                if (errno != EPERM && errno != EXDEV && errno != EMLINK)
                        return log_error_errno(-errno, "Failed to hard-link %s: %m", path);
                c->link_fallbacks++; /* not ours to link (fs.protected_hardlinks), or another mount */
        }
        /* copies keep the source's own hard links as links */
        if (st->st_nlink > 1) {
                snprintf(key, sizeof key, "%llu:%llu", (unsigned long long)st->st_dev, (unsigned long long)st->st_ino);
                first = pathmap_get(c->inodes, key);
                if (first) {
                        if (linkat(c->dst_root, first, dfd, name, 0) < 0)
                                return log_error_errno(-errno, "Failed to link %s to %s: %m", path, first);
                        return 0;
                }
                if (pathmap_put(c->inodes, key, talloc_strdup(c->ctx, path)) < 0)
                        return log_error_errno(-ENOMEM, "Out of memory");
        }
        return copy_file(c, sfd, dfd, name, st, path, c->used == CLONE_METHOD_REFLINK);
}

static int clone_symlink(struct clone_tree *c, int sfd, int dfd, const char *name, const struct stat *st,
                         const char *path)
{
        size_t size = (size_t)st->st_size + 2;
        _cleanup_free_ char *target = malloc(size);
        ssize_t n;

        if (!target)
                return log_error_errno(-ENOMEM, "Out of memory");
        n = readlinkat(sfd, name, target, size);
        if (n < 0)
                return log_error_errno(-errno, "Failed to read the link %s: %m", path);
        if ((size_t)n >= size - 1)
                return log_error_errno(-EAGAIN, "The link %s changed while it was cloned", path);
        target[n] = '\0';
        if (symlinkat(target, dfd, name) < 0)
                return log_error_errno(-errno, "Failed to create the link %s: %m", path);
        return apply_meta_at(c, dfd, name, st, path);
}

static int clone_special(struct clone_tree *c, int sfd, int dfd, const char *name, const struct stat *st,
                         const char *path)
{
        bool device = S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode);

        if (device && c->used == CLONE_METHOD_HARDLINK && linkat(sfd, name, dfd, name, 0) >= 0)
                return 0;
        if (mknodat(dfd, name, (st->st_mode & S_IFMT) | 0600, device ? st->st_rdev : 0) < 0) {
                if (device && (errno == EPERM || errno == EACCES)) {
                        /* no CAP_MKNOD: the container's /dev is built at run time anyway */
                        note(c->first_device, sizeof c->first_device, &c->devices_skipped, path);
                        return 0;
                }
                return log_error_errno(-errno, "Failed to create %s: %m", path);
        }
        return apply_meta_at(c, dfd, name, st, path);
}

static int clone_dir(struct clone_tree *c, int sfd, int dfd, const char *path);

static int clone_entry(struct clone_tree *c, int sfd, int dfd, const char *name, const char *dirpath)
{
        _cleanup_free_ char *path = NULL;
        struct stat st;

        if (c->interrupted && c->interrupted())
                return -EINTR;
        if (asprintf(&path, "%s%s%s", dirpath, *dirpath ? "/" : "", name) < 0)
                return log_error_errno(-ENOMEM, "Out of memory");
        if (fstatat(sfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
                return log_error_errno(-errno, "Failed to stat %s in %s: %m", path, c->source);
        c->entries++;
        progress_add(&c->progress, 0, 1);
        switch (st.st_mode & S_IFMT) {
        case S_IFREG:
                return clone_regular(c, sfd, dfd, name, &st, path);
        case S_IFLNK:
                return clone_symlink(c, sfd, dfd, name, &st, path);
        case S_IFDIR: {
                _cleanup_close_ int s = -EBADF, d = -EBADF;
                bool lent;
                int r;

                if (mkdirat(dfd, name, 0700) < 0)
                        return log_error_errno(-errno, "Failed to create %s: %m", path);
                s = open_source(c, sfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, &st, path, &lent);
                if (s < 0)
                        return s;
                d = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                r = d < 0 ? log_error_errno(-errno, "Failed to open %s: %m", path) : clone_dir(c, s, d, path);
                if (lent) /* its mode back, whatever happened inside */
                        (void)fchmod(s, st.st_mode & 07777);
                if (r < 0)
                        return r;
                return apply_meta_fd(c, s, d, &st, path);
        }
        default:
                return clone_special(c, sfd, dfd, name, &st, path);
        }
}

static int clone_dir(struct clone_tree *c, int sfd, int dfd, const char *path)
{
        DIR *d = opendir_at(sfd);
        struct dirent *de;
        int r = 0;

        if (!d)
                return log_error_errno(-errno, "Failed to read %s in %s: %m", *path ? path : ".", c->source);
        while ((errno = 0, de = readdir(d))) {
                if (streq(de->d_name, ".") || streq(de->d_name, ".."))
                        continue;
                r = clone_entry(c, sfd, dfd, de->d_name, path);
                if (r < 0)
                        break;
        }
        if (r == 0 && errno)
                r = log_error_errno(-errno, "Failed to read %s in %s: %m", *path ? path : ".", c->source);
        closedir(d);
        return r;
}

int clone_tree(struct clone_tree *c, int srcfd, int dstfd, const char *label)
{
        struct stat st;
        int r;

        c->ctx = talloc_new(NULL);
        c->inodes = pathmap_new(c->ctx);
        if (!c->ctx || !c->inodes)
                return talloc_free(c->ctx), log_error_errno(-ENOMEM, "Out of memory");
        c->dst_root = dstfd;
        c->used = c->method;
        progress_start(&c->progress, label);
        if (fstat(srcfd, &st) < 0)
                r = log_error_errno(-errno, "Failed to stat %s: %m", c->source);
        else if ((r = clone_dir(c, srcfd, dstfd, "")) >= 0)
                r = apply_meta_fd(c, srcfd, dstfd, &st, ".");
        if (c->progress.enabled)
                progress_end(&c->progress);
        if (c->used == CLONE_METHOD_NONE || (c->used == CLONE_METHOD_HARDLINK && c->linked == 0))
                c->used = CLONE_METHOD_COPY; /* no regular file at all, or none could be linked */
        talloc_free(c->ctx);
        c->ctx = NULL;
        c->inodes = NULL;
        return r;
}
