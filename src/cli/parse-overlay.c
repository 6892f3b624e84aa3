/* Parsers for --overlay/--overlay-ro and --volatile: nspawn's syntax, pure, no logging. An overlay
 * is a colon-separated list ("\:" for a colon inside a path): the lower layers bottom first, then
 * the upper, then the destination; two paths mean LOWER:UPPER with UPPER as the destination too. */
#include "cli/parse.h"

#include <string.h>
#include <talloc.h>

#include "util/macro.h"

#define OVERLAY_MAX_FIELDS 130 /* overlayfs stacks at most 128 lower layers in a lowerdir string */

static bool has_dotdot(const char *p)
{
        for (const char *c = p; (c = strstr(c, "..")); c += 2)
                if ((c == p || c[-1] == '/') && (c[2] == '/' || c[2] == '\0'))
                        return true;
        return false;
}

/* A source: an absolute host path, or '+' and a path of the tree. */
static int parse_layer(void *ctx, const char *field, struct overlay_layer *ret)
{
        if (field[0] == '+') {
                ret->in_root = true;
                ret->path = talloc_asprintf(ctx, "/%s", field + 1 + (field[1] == '/'));
        } else if (field[0] == '/') {
                ret->in_root = false;
                ret->path = talloc_strdup(ctx, field);
        } else
                return -EINVAL;
        return has_dotdot(ret->path) ? -EINVAL : 0;
}

/* The directory the workdir goes in: the upper's parent, as nspawn puts it beside the upper. */
static int work_parent_of(void *ctx, const struct overlay_layer *upper, struct overlay_layer *ret)
{
        size_t len = strlen(upper->path);

        while (len > 1 && upper->path[len - 1] == '/')
                len--;
        const char *slash = memrchr(upper->path, '/', len);
        if (len <= 1 || !slash)
                return -EINVAL; /* the upper is a root: nowhere beside it */
        ret->in_root = upper->in_root;
        ret->path = slash == upper->path ? talloc_strdup(ctx, "/")
                                         : talloc_strndup(ctx, upper->path, (size_t)(slash - upper->path));
        return 0;
}

int parse_overlay_spec(void *ctx, const char *spec, bool read_only, struct overlay_spec *ret,
                       const char **ret_reason)
{
        char *f[OVERLAY_MAX_FIELDS];
        int n = split_colon_fields(ctx, spec, f, OVERLAY_MAX_FIELDS);
        struct overlay_spec o = {.read_only = read_only};
        const char *upper, *dest;
        int n_lower;

        *ret_reason = "expected LOWER[:LOWER...]:UPPER:DEST, or LOWER:UPPER (\\: for a colon in a path)";
        if (n < 2)
                return -EINVAL;
        if (n == 2) {
                if (!f[1][0])
                        return -EINVAL;
                upper = f[1];
                dest = f[1] + (f[1][0] == '+');
                n_lower = 1;
        } else {
                upper = f[n - 2];
                dest = f[n - 1];
                n_lower = n - 2;
        }
        o.lower = talloc_array(ctx, struct overlay_layer, n_lower);
        o.n_lower = (unsigned)n_lower;
        for (int i = 0; i < n_lower; i++)
                if (!f[i][0] || parse_layer(ctx, f[i], &o.lower[i]) < 0) {
                        *ret_reason = "each layer is an absolute path, or +PATH relative to the root, without '..'";
                        return -EINVAL;
                }
        if (upper[0] && parse_layer(ctx, upper, &o.upper) < 0) {
                *ret_reason = "the upper layer is an absolute path, +PATH relative to the root, or empty for a tmpfs";
                return -EINVAL;
        }
        if (o.upper.path && !read_only && work_parent_of(ctx, &o.upper, &o.work_parent) < 0) {
                *ret_reason = "the upper layer cannot be a root directory: its workdir goes beside it";
                return -EINVAL;
        }
        o.destination = dest[0] == '/' ? talloc_strdup(ctx, dest) : talloc_asprintf(ctx, "/%s", dest);
        if ((n > 2 && dest[0] != '/') || has_dotdot(o.destination)) {
                *ret_reason = "the destination must be an absolute path inside the container, without '..'";
                return -EINVAL;
        }
        if (streq(o.destination, "/")) {
                *ret_reason = "an overlay cannot replace the root: use -x/--ephemeral or --volatile=overlay";
                return -EINVAL;
        }
        *ret = o;
        return 0;
}

int parse_volatile_mode(const char *v, enum volatile_mode *ret)
{
        static const enum volatile_mode words[] = {VOLATILE_STATE, VOLATILE_OVERLAY};
        int b = v ? parse_boolean(v) : 1; /* a bare --volatile means yes, as in nspawn */

        if (b >= 0) {
                *ret = b ? VOLATILE_YES : VOLATILE_NO;
                return 0;
        }
        for (size_t i = 0; i < ELEMENTSOF(words); i++)
                if (streq(v, volatile_mode_to_string(words[i]))) {
                        *ret = words[i];
                        return 0;
                }
        return -EINVAL;
}
