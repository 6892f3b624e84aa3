/* The ownership record: kept in a path map while unpacking (later layers may replace or remove
 * an entry), written once at the end. */
#include "image/records.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <talloc.h>

#include "fakeroot/ownership.h"
#include "util/fs.h"
#include "util/macro.h"

int records_add(struct pathmap *m, const char *path, mode_t type, uint32_t uid, uint32_t gid, mode_t perm,
                dev_t rdev)
{
        struct owner_record *r = talloc(m, struct owner_record);

        if (!r)
                return -ENOMEM;
        *r = (struct owner_record){type, uid, gid, perm, rdev};
        talloc_free(pathmap_get(m, path));
        return pathmap_put(m, path, r);
}

int records_forget(struct pathmap *m, const char *path)
{
        void *old = pathmap_get(m, path);

        if (!old)
                return 0;
        talloc_free(old);
        return pathmap_put(m, path, NULL);
}

int records_copy(struct pathmap *m, const char *from, const char *to)
{
        const struct owner_record *r = pathmap_get(m, from);

        return r ? records_add(m, to, r->type, r->uid, r->gid, r->perm, r->rdev) : records_forget(m, to);
}

static char type_char(mode_t type)
{
        switch (type) {
        case S_IFDIR:
                return 'd';
        case S_IFLNK:
                return 'l';
        case S_IFCHR:
                return 'c';
        case S_IFBLK:
                return 'b';
        case S_IFIFO:
                return 'p';
        default:
                return 'f';
        }
}

static void put_escaped(FILE *f, const char *s)
{
        for (; *s; s++)
                if (*s == '\\')
                        fputs("\\\\", f);
                else if (*s == '\n')
                        fputs("\\n", f);
                else if (*s == '\t')
                        fputs("\\t", f);
                else
                        fputc(*s, f);
}

static int cmp_keys(const void *a, const void *b)
{
        return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int records_write(struct pathmap *m, int rootfd, FILE *f)
{
        const char *key, **keys = NULL;
        size_t i = 0, n = 0, max = 0;
        void *value;
        int written = 0;

        while (pathmap_next(m, &i, &key, &value)) {
                if (!value)
                        continue;
                if (n == max) {
                        const char **grown = realloc(keys, (max = max ? max * 2 : 64) * sizeof *keys);
                        if (!grown)
                                return free(keys), -ENOMEM;
                        keys = grown;
                }
                keys[n++] = key;
        }
        if (n > 0) /* qsort(NULL, 0, ...) is undefined */
                qsort(keys, n, sizeof *keys, cmp_keys);
        fputs("# uspawn ownership record: owners this import could not write and device nodes it skipped.\n"
              "# TYPE UID GID MODE [MAJOR MINOR] PATH (relative to the tree; \\\\ \\n \\t escaped)\n",
              f);
        for (size_t k = 0; k < n; k++) {
                const struct owner_record *r = pathmap_get(m, keys[k]);
                char abs[4096];

                if (r->type != S_IFCHR && r->type != S_IFBLK) {
                        int fd;
                        snprintf(abs, sizeof abs, "/%s", keys[k]);
                        fd = open_in_root(rootfd, abs, O_PATH | O_NOFOLLOW);
                        if (fd < 0)
                                continue; /* removed by a later layer */
                        close(fd);
                }
                fprintf(f, "%c %u %u %04o ", type_char(r->type), r->uid, r->gid, (unsigned)r->perm);
                if (r->type == S_IFCHR || r->type == S_IFBLK)
                        fprintf(f, "%u %u ", major(r->rdev), minor(r->rdev));
                put_escaped(f, keys[k]);
                fputc('\n', f);
                written++;
        }
        free(keys);
        return ferror(f) ? -EIO : written;
}

/* A device node the import skipped becomes an empty placeholder, unless something is there. */
static int open_or_make_placeholder(int rootfd, const char *abs, const struct owner_record *r)
{
        int fd = open_in_root(rootfd, abs, O_PATH | O_NOFOLLOW);

        if (fd >= 0 || (r->type != S_IFCHR && r->type != S_IFBLK))
                return fd;
        fd = open_in_root(rootfd, abs, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW);
        if (fd >= 0)
                (void)fchmod(fd, r->perm & 07777);
        return fd;
}

int records_apply_to_tree(struct pathmap *m, int rootfd)
{
        const char *key;
        void *value;
        size_t i = 0;
        int applied = 0;

        while (pathmap_next(m, &i, &key, &value)) {
                const struct owner_record *r = value;
                struct ownership o;
                struct stat st;
                char abs[4096];
                int fd;

                if (!r || r->type == S_IFLNK)
                        continue;
                snprintf(abs, sizeof abs, "/%s", key);
                fd = open_or_make_placeholder(rootfd, abs, r);
                if (fd < 0)
                        continue;
                o = (struct ownership){.uid = r->uid, .gid = r->gid, .mode = r->type | (r->perm & 07777), .rdev = r->rdev};
                if (fstat(fd, &st) == 0 && ownership_set(fd, &st, &o) == 0)
                        applied++;
                close(fd);
        }
        return applied;
}
