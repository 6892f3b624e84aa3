/* libarchive with our own read callback: libarchive's fd reader retries on EINTR, which would
 * keep an interrupted import of a stalled pipe waiting forever. */
#include "image/archive-io.h"

#include <fcntl.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "image/interrupt.h"
#include "util/log.h"

#define BLOCK (128 * 1024)

struct reader {
        int fd;
        char buf[BLOCK];
};

static la_ssize_t read_cb(struct archive *a, void *userdata, const void **ret)
{
        struct reader *r = userdata;

        for (;;) {
                ssize_t n = read(r->fd, r->buf, sizeof r->buf);
                if (n >= 0) {
                        *ret = r->buf;
                        return n;
                }
                if (errno == EINTR && !import_interrupted())
                        continue;
                archive_set_error(a, errno, "%s", errno == EINTR ? "interrupted" : strerror(errno));
                return -1;
        }
}

static int close_cb(struct archive *a, void *userdata)
{
        struct reader *r = userdata;

        if (r->fd > STDIN_FILENO)
                close(r->fd);
        r->fd = -EBADF;
        return ARCHIVE_OK;
}

static int reader_destructor(struct reader *r)
{
        if (r->fd > STDIN_FILENO)
                close(r->fd);
        return 0;
}

void archive_freep(struct archive **a)
{
        if (*a)
                archive_read_free(*a);
}

struct archive *archive_open_tar_fd(void *ctx, int fd, const char *source)
{
        struct reader *r = talloc(ctx, struct reader);
        struct archive *a;

        if (!r) {
                if (fd > STDIN_FILENO)
                        close(fd);
                log_error_errno(-ENOMEM, "Out of memory");
                return NULL;
        }
        r->fd = fd;
        talloc_set_destructor(r, reader_destructor);
        a = archive_read_new();
        if (!a) {
                log_error_errno(-ENOMEM, "Out of memory");
                return talloc_free(r), NULL;
        }
        archive_read_support_filter_all(a);
        archive_read_support_format_tar(a);
        archive_read_support_format_empty(a);
        if (archive_read_open(a, r, NULL, read_cb, close_cb) != ARCHIVE_OK) {
                log_error_errno(-EIO, "Failed to read %s: %s", source, archive_error_string(a) ?: "unknown format");
                archive_read_free(a);
                return talloc_free(r), NULL;
        }
        return a;
}

struct archive *archive_open_tar(void *ctx, const char *path, const char **ret_source)
{
        const char *source = streq(path, "-") ? "standard input" : path;
        int fd = streq(path, "-") ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

        if (fd < 0) {
                log_error_errno(-errno, "Failed to open %s: %m", path);
                return NULL;
        }
        *ret_source = source;
        return archive_open_tar_fd(ctx, fd, source);
}
