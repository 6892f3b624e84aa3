/* Import pipelines: tar files, directory trees, image layers, and docker archives' contents. */
#include "image/import.h"

#include <archive_entry.h>
#include <fcntl.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "fakeroot/ownership.h"
#include "image/archive-io.h"
#include "util/log.h"

int import_tar(struct import *im, const char *path)
{
        _cleanup_archive_ struct archive *a = NULL;
        const char *source;

        a = archive_open_tar(im, path, &source);
        if (!a)
                return -EIO;
        return unpack_archive(&im->unpack, a, source, im->name);
}

int import_layers(struct import *im, int layoutfd, const char *dir, const struct image_manifest *m)
{
        for (size_t i = 0; i < m->n_layers; i++) {
                _cleanup_archive_ struct archive *a = NULL;
                char *source = talloc_asprintf(im, "layer %s (%s%s)", m->layers[i].digest, dir, m->layers[i].path);
                char *label = talloc_asprintf(im, "%s: layer %zu/%zu", im->name, i + 1, m->n_layers);
                int fd, r;

                fd = image_open_verified(layoutfd, dir, m->layers[i].path, m->layers[i].digest);
                if (fd < 0)
                        return fd;
                a = archive_open_tar_fd(im, fd, source);
                if (!a)
                        return -EIO;
                r = unpack_archive(&im->unpack, a, source, label);
                if (r < 0)
                        return r;
        }
        return 0;
}

struct disk_walk {
        struct archive_entry_linkresolver *links;
        const char *dir;
        size_t dir_len;
        bool outside_userns; /* owners as a user namespace mapping us to root would show them */
};

/* Without a user namespace we read the tree with host ids. The importer's namespace (and the
 * container's) shows the user's own files as root's and everyone else's as the overflow id, so
 * do the same here: the store then holds the same records either way. */
static void map_owner_as_userns(struct archive_entry *e)
{
        archive_entry_set_uid(e, archive_entry_uid(e) == (la_int64_t)getuid() ? 0 : FAKEROOT_OVERFLOW_ID);
        archive_entry_set_gid(e, archive_entry_gid(e) == (la_int64_t)getgid() ? 0 : FAKEROOT_OVERFLOW_ID);
        archive_entry_set_uname(e, NULL);
        archive_entry_set_gname(e, NULL);
}

/* The next entry of the tree, named relative to it, hard links found by the link resolver. */
static int next_disk_entry(struct archive *a, struct archive_entry **ret, void *userdata)
{
        struct disk_walk *w = userdata;
        struct archive_entry *e, *spare = NULL;
        const char *p;
        int r;

        r = archive_read_next_header(a, &e);
        if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
                return r;
        p = archive_entry_pathname(e);
        if (p && strncmp(p, w->dir, w->dir_len) == 0) {
                char *rel = talloc_asprintf(NULL, ".%s", p + w->dir_len);
                archive_entry_copy_pathname(e, rel);
                talloc_free(rel);
        }
        if (w->outside_userns)
                map_owner_as_userns(e);
        if (archive_entry_filetype(e) == AE_IFDIR)
                archive_read_disk_descend(a);
        archive_entry_linkify(w->links, &e, &spare);
        *ret = e;
        return r;
}

int import_fs(struct import *im, const char *dir)
{
        _cleanup_archive_ struct archive *a = archive_read_disk_new();
        struct disk_walk w = {.dir = dir, .outside_userns = !im->ids.in_userns};
        int r;

        if (!a || !(w.links = archive_entry_linkresolver_new()))
                return log_error_errno(-ENOMEM, "Out of memory");
        archive_entry_linkresolver_set_strategy(w.links, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED);
        archive_read_disk_set_symlink_hybrid(a);
        w.dir_len = strlen(dir);
        while (w.dir_len > 1 && dir[w.dir_len - 1] == '/')
                w.dir_len--;
        if (archive_read_disk_open(a, dir) != ARCHIVE_OK) {
                r = log_error_errno(-EIO, "Failed to read %s: %s", dir, archive_error_string(a) ?: "");
                archive_entry_linkresolver_free(w.links);
                return r;
        }
        im->unpack.next_entry = next_disk_entry;
        im->unpack.next_userdata = &w;
        r = unpack_archive(&im->unpack, a, dir, im->name);
        im->unpack.next_entry = NULL;
        archive_entry_linkresolver_free(w.links);
        return r;
}

int import_unpack_scratch(struct import *im, const char *tar, char **ret_dir)
{
        _cleanup_archive_ struct archive *a = NULL;
        _cleanup_close_ int fd = -EBADF;
        struct unpack u;
        const char *source;
        char *dir;
        int r;

        r = import_scratch_dir(im, &dir);
        if (r < 0)
                return r;
        fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
                return log_error_errno(-errno, "Failed to open %s: %m", dir);
        a = archive_open_tar(im, tar, &source);
        if (!a)
                return -EIO;
        r = unpack_init(&u, dir, fd, &im->ids, false);
        if (r < 0)
                return r;
        r = unpack_archive(&u, a, source, talloc_asprintf(dir, "%s: reading", im->name));
        if (r >= 0)
                r = unpack_finish(&u);
        unpack_done(&u);
        if (r < 0)
                return r;
        *ret_dir = dir;
        return 0;
}
