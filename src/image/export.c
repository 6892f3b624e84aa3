/* export-tar: read the tree with libarchive's disk reader inside the importer's user namespace
 * (so owners read as the container's ids and subordinate-owned files are readable), hard links
 * found by the link resolver, owners the import could only record taken from NAME.owners. */
#include "image/export.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "image/archive-io.h"
#include "image/interrupt.h"
#include "image/pathmap.h"
#include "image/records.h"
#include "image/userns.h"
#include "util/log.h"

/* Compression by the file's suffix. */
static const struct {
        const char *suffix;
        int (*add)(struct archive *);
} filters[] = {
        {".gz", archive_write_add_filter_gzip},  {".tgz", archive_write_add_filter_gzip},
        {".xz", archive_write_add_filter_xz},    {".txz", archive_write_add_filter_xz},
        {".zst", archive_write_add_filter_zstd}, {".tzst", archive_write_add_filter_zstd},
        {".bz2", archive_write_add_filter_bzip2}, {".tbz2", archive_write_add_filter_bzip2},
};

static int unescape(char *s)
{
        char *o = s;

        for (; *s; s++) {
                if (*s != '\\') {
                        *o++ = *s;
                        continue;
                }
                s++;
                *o++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
                if (!*s)
                        return -EINVAL;
        }
        *o = '\0';
        return 0;
}

/* Read NAME.owners (written by records_write) into a path map of struct owner_record. */
static int read_records(void *ctx, const char *path, struct pathmap **ret)
{
        struct pathmap *m = pathmap_new(ctx);
        _cleanup_free_ char *line = NULL;
        size_t size = 0;
        FILE *f = fopen(path, "re");
        unsigned lineno = 0;

        if (!m)
                return -ENOMEM;
        *ret = m;
        if (!f)
                return errno == ENOENT ? 0 : log_error_errno(-errno, "Failed to read %s: %m", path);
        while (getline(&line, &size, f) > 0) {
                unsigned uid, gid, mode, maj = 0, min = 0;
                char type;
                int n = 0, k;

                lineno++;
                line[strcspn(line, "\n")] = '\0';
                if (line[0] == '#' || !line[0])
                        continue;
                k = sscanf(line, "%c %u %u %o %n", &type, &uid, &gid, &mode, &n);
                if (k == 4 && (type == 'c' || type == 'b')) {
                        int m2 = 0;
                        if (sscanf(line + n, "%u %u %n", &maj, &min, &m2) != 2)
                                k = 0;
                        n += m2;
                }
                if (k != 4 || !line[n] || unescape(line + n) < 0) {
                        fclose(f);
                        return log_error_errno(-EBADMSG, "%s:%u: malformed line", path, lineno);
                }
                records_add(m, line + n, type == 'c' ? S_IFCHR : type == 'b' ? S_IFBLK : type == 'd' ? S_IFDIR : type == 'l' ? S_IFLNK : type == 'p' ? S_IFIFO : S_IFREG,
                            uid, gid, mode, makedev(maj, min));
        }
        fclose(f);
        return 0;
}

static int open_output(struct archive *w, const char *file)
{
        for (size_t i = 0; i < ELEMENTSOF(filters); i++) {
                size_t n = strlen(file), s = strlen(filters[i].suffix);
                if (n > s && streq(file + n - s, filters[i].suffix)) {
                        if (filters[i].add(w) != ARCHIVE_OK)
                                return log_error_errno(-EOPNOTSUPP, "Cannot compress %s: %s", file,
                                                       archive_error_string(w));
                        break;
                }
        }
        if (streq(file, "-"))
                return archive_write_open_fd(w, STDOUT_FILENO) == ARCHIVE_OK ? 0 : -EIO;
        return archive_write_open_filename(w, file) == ARCHIVE_OK ? 0 : -EIO;
}

static int copy_entry(struct archive *r, struct archive *w, struct archive_entry *e, const char *file)
{
        const void *buf;
        size_t len;
        la_int64_t off;
        int k;

        if (archive_write_header(w, e) < ARCHIVE_WARN)
                return log_error_errno(-EIO, "Failed to write %s: %s", file, archive_error_string(w));
        if (archive_entry_size(e) == 0 || archive_entry_filetype(e) != AE_IFREG)
                return 0;
        while ((k = archive_read_data_block(r, &buf, &len, &off)) == ARCHIVE_OK)
                if (archive_write_data(w, buf, len) < 0)
                        return log_error_errno(-EIO, "Failed to write %s: %s", file, archive_error_string(w));
        if (k != ARCHIVE_EOF)
                return log_error_errno(-EIO, "Failed to read '%s': %s", archive_entry_pathname(e),
                                       archive_error_string(r));
        return 0;
}

static int write_devices(struct archive *w, struct pathmap *records, const char *file)
{
        const char *key;
        void *value;
        size_t i = 0;

        while (pathmap_next(records, &i, &key, &value)) {
                const struct owner_record *rec = value;
                struct archive_entry *e;
                int k;

                if (!rec || (rec->type != S_IFCHR && rec->type != S_IFBLK))
                        continue;
                e = archive_entry_new();
                char *path = talloc_asprintf(NULL, "./%s", key);
                archive_entry_set_pathname(e, path);
                talloc_free(path);
                archive_entry_set_filetype(e, rec->type);
                archive_entry_set_perm(e, rec->perm);
                archive_entry_set_uid(e, rec->uid);
                archive_entry_set_gid(e, rec->gid);
                archive_entry_set_rdev(e, rec->rdev);
                k = archive_write_header(w, e);
                archive_entry_free(e);
                if (k < ARCHIVE_WARN)
                        return log_error_errno(-EIO, "Failed to write %s: %s", file, archive_error_string(w));
        }
        return 0;
}

int image_export_tar(void *ctx, const char *dir, const char *records_path, const char *file)
{
        _cleanup_archive_ struct archive *r = archive_read_disk_new();
        struct archive *w = archive_write_new();
        struct archive_entry_linkresolver *links = archive_entry_linkresolver_new();
        struct archive_entry *e, *spare;
        struct pathmap *records;
        struct image_ids ids;
        size_t dir_len = strlen(dir);
        int k, ret;

        if (!r || !w || !links)
                return log_error_errno(-ENOMEM, "Out of memory");
        ret = read_records(ctx, records_path, &records);
        if (ret >= 0)
                ret = image_enter_userns(&ids);
        if (ret < 0)
                goto out;
        archive_entry_linkresolver_set_strategy(links, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED);
        archive_write_set_format_pax_restricted(w);
        archive_read_disk_set_symlink_physical(r);
        if ((ret = open_output(w, file)) < 0) {
                ret = log_error_errno(ret, "Failed to create %s: %s", file, archive_error_string(w) ?: "");
                goto out;
        }
        if (archive_read_disk_open(r, dir) != ARCHIVE_OK) {
                ret = log_error_errno(-EIO, "Failed to read %s: %s", dir, archive_error_string(r));
                goto out;
        }
        while ((k = archive_read_next_header(r, &e)) == ARCHIVE_OK || k == ARCHIVE_WARN) {
                const char *p = archive_entry_pathname(e);
                char *rel = talloc_asprintf(ctx, ".%s", p + dir_len); /* as tar -C DIR . names them */
                const struct owner_record *rec = pathmap_get(records, p[dir_len] ? p + dir_len + 1 : "");

                if (archive_entry_filetype(e) == AE_IFDIR)
                        archive_read_disk_descend(r);
                archive_entry_copy_pathname(e, rel);
                if (rec) {
                        archive_entry_set_uid(e, rec->uid);
                        archive_entry_set_gid(e, rec->gid);
                }
                talloc_free(rel);
                spare = NULL;
                archive_entry_linkify(links, &e, &spare);
                if ((ret = copy_entry(r, w, e, file)) < 0)
                        goto out;
                if (import_interrupted()) {
                        ret = log_error_errno(-EINTR, "Interrupted");
                        goto out;
                }
        }
        if (k != ARCHIVE_EOF) {
                ret = log_error_errno(-EIO, "Failed to read %s: %s", dir, archive_error_string(r));
                goto out;
        }
        ret = write_devices(w, records, file);
        if (ret >= 0 && archive_write_close(w) != ARCHIVE_OK)
                ret = log_error_errno(-EIO, "Failed to write %s: %s", file, archive_error_string(w));
out:
        archive_write_free(w);
        archive_entry_linkresolver_free(links);
        return ret;
}
