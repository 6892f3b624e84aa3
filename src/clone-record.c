/* The TREE.clone record: a small JSON object {"method": "...", "source": "..."} beside the tree,
 * read and written with json-c; moved along with the tree by `uspawnctl rename`. */
#include "clone-record.h"

#include <errno.h>
#include <fcntl.h>
#include <json.h>
#include <stdio.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "util/json.h"
#include "util/macro.h"

static const char *const method_names[_CLONE_METHOD_MAX] = {
        [CLONE_METHOD_NONE] = "none",
        [CLONE_METHOD_REFLINK] = "reflink",
        [CLONE_METHOD_HARDLINK] = "hardlink",
        [CLONE_METHOD_COPY] = "copy",
};

const char *clone_method_to_string(enum clone_method m)
{
        return m < _CLONE_METHOD_MAX ? method_names[m] : "unknown";
}

enum clone_method clone_method_from_string(const char *s)
{
        for (enum clone_method m = 0; m < _CLONE_METHOD_MAX; m++)
                if (s && strcmp(s, method_names[m]) == 0)
                        return m;
        return _CLONE_METHOD_MAX;
}

int clone_record_path(const char *tree, char *buf, size_t size)
{
        size_t len = strlen(tree);

        while (len > 1 && tree[len - 1] == '/')
                len--;
        if ((size_t)snprintf(buf, size, "%.*s.clone", (int)len, tree) >= size)
                return -ENAMETOOLONG;
        return 0;
}

int clone_record_write(const char *tree, enum clone_method m, const char *source)
{
        char path[4096], tmp[4096 + 16];
        json_object *o = json_object_new_object();
        const char *text;
        int r;

        if (!o)
                return -ENOMEM;
        r = clone_record_path(tree, path, sizeof path);
        if (r < 0)
                goto out;
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        json_object_object_add(o, "method", json_object_new_string(clone_method_to_string(m)));
        if (source)
                json_object_object_add(o, "source", json_object_new_string(source));
        text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY);
        {
                _cleanup_close_ int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
                size_t len = strlen(text);

                if (fd < 0) {
                        r = -errno;
                        goto out;
                }
                if (write(fd, text, len) != (ssize_t)len || write(fd, "\n", 1) != 1 || fsync(fd) < 0) {
                        r = errno ? -errno : -EIO;
                        unlink(tmp);
                        goto out;
                }
        }
        r = rename(tmp, path) < 0 ? -errno : 0;
        if (r < 0)
                unlink(tmp);
out:
        json_object_put(o);
        return r;
}

int clone_record_read(void *ctx, const char *tree, enum clone_method *ret_method, char **ret_source)
{
        char path[4096];
        json_object *o;
        enum clone_method m;
        const char *source;
        int r = clone_record_path(tree, path, sizeof path);

        if (r < 0)
                return r;
        if (access(path, F_OK) < 0) {
                if (errno != ENOENT)
                        return -errno;
                *ret_method = CLONE_METHOD_NONE;
                if (ret_source)
                        *ret_source = NULL;
                return 0;
        }
        o = json_object_from_file(path);
        if (!o)
                return -EBADMSG;
        m = clone_method_from_string(json_string_member(o, "method"));
        source = json_string_member(o, "source");
        if (m == _CLONE_METHOD_MAX) {
                json_object_put(o);
                return -EBADMSG;
        }
        if (ret_source) {
                *ret_source = source ? talloc_strdup(ctx, source) : NULL;
                if (source && !*ret_source) {
                        json_object_put(o);
                        return -ENOMEM;
                }
        }
        *ret_method = m;
        json_object_put(o);
        return 0;
}
