/* `uspawnctl list-images`: the trees in the machines directory as machinectl lists images (NAME
 * TYPE RO USAGE CREATED MODIFIED), plus how each was cloned (its NAME.clone record); a table
 * with a legend, or JSON. Leftover temporaries of dead clones and imports are removed first. */
#include <dirent.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "clone-record.h"
#include "ctl/ctl.h"
#include "image/images.h"
#include "image/store.h"
#include "image/usage.h"
#include "image/userns.h"
#include "util/log.h"
#include "util/talloc-util.h"

struct image_row {
        char *name, *path;
        bool ro;
        bool have_usage;
        uint64_t usage;
        struct timespec created, modified; /* created: 0 when the filesystem does not know */
        enum clone_method method;
        char *source;
        char *usage_s, *created_s, *modified_s, *clone_s;
};

static char *format_bytes(void *ctx, uint64_t b)
{
        static const char units[] = "BKMGTPE";
        double v = (double)b;
        unsigned i = 0;

        while (v >= 1024 && i < sizeof units - 2) {
                v /= 1024;
                i++;
        }
        return i == 0 ? talloc_asprintf(ctx, "%lluB", (unsigned long long)b)
                      : talloc_asprintf(ctx, "%.1f%c", v, units[i]);
}

static char *format_time(void *ctx, const struct timespec *ts)
{
        char buf[64];
        struct tm tm;

        if (ts->tv_sec == 0 && ts->tv_nsec == 0)
                return talloc_strdup(ctx, "-");
        if (!localtime_r(&ts->tv_sec, &tm) || !strftime(buf, sizeof buf, "%a %Y-%m-%d %H:%M:%S %Z", &tm))
                return talloc_strdup(ctx, "-");
        return talloc_strdup(ctx, buf);
}

static char *clone_text(void *ctx, const struct image_row *r)
{
        const char *slash;

        if (r->method == CLONE_METHOD_NONE)
                return talloc_strdup(ctx, "-");
        slash = r->source ? strrchr(r->source, '/') : NULL;
        return talloc_asprintf(ctx, "%s of %s", clone_method_to_string(r->method),
                               slash ? slash + 1 : r->source ?: "?");
}

static int load_row(void *ctx, int dirfd, const char *dir, const char *name, struct image_row *row)
{
        _cleanup_close_ int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        struct statx sx;

        if (fd < 0)
                return -errno;
        *row = (struct image_row){.name = talloc_strdup(ctx, name), .path = talloc_asprintf(ctx, "%s/%s", dir, name)};
        if (statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS | STATX_BTIME, &sx) < 0)
                return -errno;
        row->ro = (sx.stx_mode & 0222) == 0;
        row->modified = (struct timespec){sx.stx_mtime.tv_sec, sx.stx_mtime.tv_nsec};
        if (sx.stx_mask & STATX_BTIME)
                row->created = (struct timespec){sx.stx_btime.tv_sec, sx.stx_btime.tv_nsec};
        row->have_usage = tree_disk_usage(fd, &row->usage) >= 0;
        if (clone_record_read(ctx, row->path, &row->method, &row->source) < 0)
                row->method = CLONE_METHOD_NONE;
        row->usage_s = row->have_usage ? format_bytes(ctx, row->usage) : talloc_strdup(ctx, "-");
        row->created_s = format_time(ctx, &row->created);
        row->modified_s = format_time(ctx, &row->modified);
        row->clone_s = clone_text(ctx, row);
        return 0;
}

static int cmp_rows(const void *a, const void *b)
{
        return strcmp(((const struct image_row *)a)->name, ((const struct image_row *)b)->name);
}

static int64_t usec(const struct timespec *ts)
{
        return (int64_t)ts->tv_sec * 1000000 + ts->tv_nsec / 1000;
}

static int print_json(const struct image_row *rows, size_t n, int flags)
{
        json_object *arr = json_object_new_array();

        for (size_t i = 0; i < n; i++) {
                json_object *o = json_object_new_object();

                json_object_object_add(o, "name", json_object_new_string(rows[i].name));
                json_object_object_add(o, "type", json_object_new_string("directory"));
                json_object_object_add(o, "ro", json_object_new_boolean(rows[i].ro));
                json_object_object_add(o, "usage",
                                       rows[i].have_usage ? json_object_new_int64((int64_t)rows[i].usage) : NULL);
                json_object_object_add(o, "created",
                                       rows[i].created.tv_sec ? json_object_new_int64(usec(&rows[i].created)) : NULL);
                json_object_object_add(o, "modified", json_object_new_int64(usec(&rows[i].modified)));
                json_object_object_add(o, "path", json_object_new_string(rows[i].path));
                json_object_object_add(o, "clone",
                                       rows[i].method == CLONE_METHOD_NONE
                                               ? NULL
                                               : json_object_new_string(clone_method_to_string(rows[i].method)));
                json_object_object_add(o, "clone_source",
                                       rows[i].source ? json_object_new_string(rows[i].source) : NULL);
                json_object_array_add(arr, o);
        }
        puts(json_object_to_json_string_ext(arr, flags | JSON_C_TO_STRING_NOSLASHESCAPE));
        json_object_put(arr);
        return 0;
}

#define WIDTH(field, title)                                                                                            \
        ({                                                                                                             \
                int _w = (int)strlen(title);                                                                           \
                for (size_t _i = 0; _i < n; _i++)                                                                      \
                        if ((int)strlen(rows[_i].field) > _w)                                                          \
                                _w = (int)strlen(rows[_i].field);                                                      \
                _w;                                                                                                    \
        })

static void print_table(const struct image_row *rows, size_t n, bool legend)
{
        int wn = WIDTH(name, "NAME"), wu = WIDTH(usage_s, "USAGE"), wc = WIDTH(created_s, "CREATED"),
            wm = WIDTH(modified_s, "MODIFIED");

        if (legend && n > 0)
                printf("%-*s %-9s %-3s %-*s %-*s %-*s %s\n", wn, "NAME", "TYPE", "RO", wu, "USAGE", wc, "CREATED", wm,
                       "MODIFIED", "CLONE");
        for (size_t i = 0; i < n; i++)
                printf("%-*s %-9s %-3s %-*s %-*s %-*s %s\n", wn, rows[i].name, "directory", rows[i].ro ? "yes" : "no",
                       wu, rows[i].usage_s, wc, rows[i].created_s, wm, rows[i].modified_s, rows[i].clone_s);
        if (legend) {
                if (n > 0)
                        putchar('\n');
                printf("%zu images listed.\n", n);
        }
}

int verb_list_images(const struct ctl_args *a, int argc, char **argv)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        struct image_row *rows = NULL;
        struct image_ids ids = {};
        struct dirent *de;
        size_t n = 0;
        char *dir;
        int dirfd, r;
        DIR *d;

        if (argc > 1)
                return log_error_errno(-EINVAL, "'list-images' takes no arguments; see uspawnctl --help");
        dir = store_machines_dir(ctx);
        if (!dir)
                return log_error_errno(-EINVAL, "Neither $XDG_DATA_HOME nor $HOME is set: no machines directory");
        dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dirfd < 0 && errno != ENOENT)
                return log_error_errno(-errno, "Failed to open %s: %m", dir);
        if (dirfd >= 0) {
                /* as root of our own namespace: 0700 directories of subordinate ids count too */
                if ((r = image_enter_userns(&ids)) < 0)
                        return close(dirfd), r;
                (void)image_sweep_stale(dirfd, dir, NULL);
                d = fdopendir(dirfd);
                if (!d)
                        return close(dirfd), log_error_errno(-ENOMEM, "Out of memory");
                while ((de = readdir(d))) {
                        if (de->d_name[0] == '.' || (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN))
                                continue;
                        rows = talloc_realloc(ctx, rows, struct image_row, n + 1);
                        if (load_row(ctx, dirfd, dir, de->d_name, &rows[n]) >= 0)
                                n++;
                }
                closedir(d);
        }
        if (n > 1)
                qsort(rows, n, sizeof *rows, cmp_rows);
        if (a->json)
                return print_json(rows, n, a->json_short ? JSON_C_TO_STRING_PLAIN : JSON_C_TO_STRING_PRETTY);
        print_table(rows, n, !a->no_legend);
        return 0;
}
