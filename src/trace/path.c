/* Guest ↔ host path translation (see path.h). The walk is done by the tracer with lstat and
 * readlink on host paths: it works on every kernel and through binds, which a single
 * openat2(RESOLVE_IN_ROOT) on the root fd cannot see. What it leaves: the window between this walk
 * and the kernel's own (a guest racing a rename against its own syscall). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "trace/path.h"
#include "util/macro.h"

#define MAX_LINKS 40 /* the kernel's limit */

static bool has_prefix(const char *path, const char *prefix, size_t len)
{
        if (len == 1 && prefix[0] == '/')
                return path[0] == '/';
        return strncmp(path, prefix, len) == 0 && (path[len] == '\0' || path[len] == '/');
}

int path_table_add(void *ctx, struct path_table *t, const char *guest, const char *host, bool read_only)
{
        struct trace_mount *rows = talloc_realloc(ctx, t->rows, struct trace_mount, t->n + 1);
        struct trace_mount *m;
        size_t gl = strlen(guest), hl = strlen(host);

        if (!rows)
                return -ENOMEM;
        t->rows = rows;
        m = &rows[t->n];
        while (gl > 1 && guest[gl - 1] == '/')
                gl--;
        while (hl > 1 && host[hl - 1] == '/')
                hl--;
        *m = (struct trace_mount){.guest = talloc_strndup(rows, guest, gl),
                                  .host = talloc_strndup(rows, host, hl),
                                  .guest_len = gl,
                                  .host_len = hl,
                                  .read_only = read_only};
        if (!m->guest || !m->host)
                return -ENOMEM;
        t->n++;
        return 0;
}

const struct trace_mount *path_mount_of(const struct path_table *t, const char *guest)
{
        for (unsigned i = t->n; i-- > 0;)
                if (has_prefix(guest, t->rows[i].guest, t->rows[i].guest_len))
                        return &t->rows[i];
        return NULL;
}

char *path_to_host(void *ctx, const struct path_table *t, const char *guest)
{
        const struct trace_mount *m = path_mount_of(t, guest);
        const char *rest;

        if (!m)
                return NULL;
        rest = m->guest_len == 1 ? guest : guest + m->guest_len;
        if (streq(rest, "/"))
                rest = "";
        if (m->host_len == 1 && *rest)
                return talloc_strdup(ctx, rest);
        return talloc_asprintf(ctx, "%s%s", m->host, rest);
}

char *path_to_guest(void *ctx, const struct path_table *t, const char *host)
{
        const struct trace_mount *best = NULL;
        const char *rest;

        for (unsigned i = 0; i < t->n; i++)
                if (has_prefix(host, t->rows[i].host, t->rows[i].host_len) &&
                    (!best || t->rows[i].host_len >= best->host_len))
                        best = &t->rows[i];
        if (!best)
                return NULL;
        rest = best->host_len == 1 ? host : host + best->host_len;
        if (best->guest_len == 1)
                return talloc_strdup(ctx, *rest ? rest : "/");
        return talloc_asprintf(ctx, "%s%s", best->guest, rest);
}

static char *join(void *ctx, const char *dir, const char *name, size_t len)
{
        return talloc_asprintf(ctx, "%s%s%.*s", dir, streq(dir, "/") ? "" : "/", (int)len, name);
}

static void pop(char *path)
{
        char *slash = strrchr(path, '/');

        if (slash == path)
                path[1] = '\0';
        else if (slash)
                *slash = '\0';
}

/* Does any component of p equal ".."? */
static bool has_dotdot(const char *p)
{
        for (const char *c = p; (c = strstr(c, "..")); c += 2)
                if ((c == p || c[-1] == '/') && (c[2] == '\0' || c[2] == '/'))
                        return true;
        return false;
}

/* What a /proc/PID/... link of the host's /proc means to the guest. proc_rel is the path below
 * the /proc bind ("/123/cwd"). Returns 1 with *ret_target (a guest path, or a relative target for
 * self and thread-self), 0 when it is not a magic link, -errno. *ret_opaque: it is a magic link whose
 * target has no guest path (a pipe, a socket, a file outside the guest's view). */
static int proc_link(void *ctx, const struct resolve *rs, const char *proc_rel, const char *host, char **ret_target,
                     bool *ret_opaque)
{
        char pidbuf[16], what[16], buf[PATH_MAX];
        unsigned pid, tid, fd;
        int n = -1;
        ssize_t k;

        *ret_opaque = false;
        if (streq(proc_rel, "/self")) {
                *ret_target = talloc_asprintf(ctx, "%d", (int)rs->tgid);
                return 1;
        }
        if (streq(proc_rel, "/thread-self")) {
                *ret_target = talloc_asprintf(ctx, "%d/task/%d", (int)rs->tgid, (int)rs->tid);
                return 1;
        }
        if (sscanf(proc_rel, "/%u/task/%u/%15[a-z]%n", &pid, &tid, what, &n) == 3 && proc_rel[n] == '\0')
                ;
        else if (sscanf(proc_rel, "/%u/task/%u/fd/%u%n", &pid, &tid, &fd, &n) == 3 && proc_rel[n] == '\0')
                strcpy(what, "fd");
        else if (sscanf(proc_rel, "/%u/%15[a-z]%n", &pid, what, &n) == 2 && proc_rel[n] == '\0')
                ;
        else if (sscanf(proc_rel, "/%u/fd/%u%n", &pid, &fd, &n) == 2 && proc_rel[n] == '\0')
                strcpy(what, "fd");
        else
                return 0;
        if (!streq(what, "exe") && !streq(what, "cwd") && !streq(what, "root") && !streq(what, "fd"))
                return 0;
        if (rs->flags & (RESOLVE_SCOPED | RESOLVE_BENEATH_ONLY))
                return -EXDEV; /* as the kernel: no magic links in scoped lookups */
        if (streq(what, "root")) {
                *ret_target = talloc_strdup(ctx, "/");
                return 1;
        }
        snprintf(pidbuf, sizeof pidbuf, "%u", pid);
        if (streq(what, "exe") && rs->exe_of && rs->exe_of(rs->userdata, (pid_t)pid)) {
                *ret_target = talloc_strdup(ctx, rs->exe_of(rs->userdata, (pid_t)pid));
                return 1;
        }
        k = readlink(host, buf, sizeof buf - 1);
        if (k < 0)
                return -errno;
        buf[k] = '\0';
        *ret_target = buf[0] == '/' ? path_to_guest(ctx, rs->paths, buf) : NULL;
        if (!*ret_target || (k > 10 && streq(buf + k - 10, " (deleted)")))
                *ret_opaque = true;
        /* a link the guest cannot name is handed to the kernel as it is: only for the guest's own
         * processes (a host process's open files and directories are not the guest's to open) */
        if (*ret_opaque && rs->is_guest && !rs->is_guest(rs->userdata, (pid_t)pid))
                return -EACCES;
        return 1;
}

/* One resolution in progress: where it stands (cur, a canonical guest path) and what is left. */
struct walk {
        void *ctx;
        const struct resolve *rs;
        char *cur, *rest;
        char *host_override; /* an opaque /proc link handed to the kernel as it is */
        const char *suffix;  /* "/." when the last component was "." or ".." */
        unsigned links;
};

enum { WALK_NEXT, WALK_DONE };

/* `..`: up one, but never above the scope (or -EXDEV with RESOLVE_BENEATH). */
static int walk_dotdot(struct walk *w)
{
        const struct resolve *rs = w->rs;

        if (streq(w->cur, rs->scope) || !has_prefix(w->cur, rs->scope, strlen(rs->scope))) {
                if (rs->flags & RESOLVE_BENEATH_ONLY)
                        return -EXDEV;
                w->cur = talloc_strdup(w->ctx, rs->scope); /* clamped at the root */
                return w->cur ? WALK_NEXT : -ENOMEM;
        }
        pop(w->cur);
        return WALK_NEXT;
}

/* cand is missing, or not a directory with components after it: the kernel will say so. The
 * rest is appended as it is, but a `..` in it is refused: a name created meanwhile must not take
 * it somewhere this walk did not check. */
static int walk_missing(struct walk *w, char *cand, bool last, int error)
{
        if (has_dotdot(w->rest))
                return error == -ENOENT ? -ENOENT : -ENOTDIR;
        w->cur = cand;
        for (const char *c = w->rest; !last && *c;) {
                size_t l;
                c += strspn(c, "/");
                l = strcspn(c, "/");
                if (l && !(l == 1 && c[0] == '.'))
                        w->cur = join(w->ctx, w->cur, c, l);
                c += l;
        }
        w->rest = talloc_strdup(w->ctx, "");
        return w->cur && w->rest ? WALK_DONE : -ENOMEM;
}

/* cand is a symbolic link at host: go on from its target, read in the guest's view. */
static int walk_link(struct walk *w, char *cand, char *host, bool last)
{
        const struct resolve *rs = w->rs;
        const struct trace_mount *m = path_mount_of(rs->paths, cand);
        char *target = NULL;
        bool opaque = false;
        int r = 0;

        if (++w->links > MAX_LINKS || (rs->flags & RESOLVE_NO_LINKS))
                return -ELOOP;
        if (m && streq(m->host, "/proc")) {
                r = proc_link(w->ctx, rs, cand + m->guest_len, host, &target, &opaque);
                if (r < 0)
                        return r;
        }
        if (r > 0 && opaque) {
                if (!last)
                        return -ENOTDIR;
                w->cur = cand;
                w->host_override = host; /* a pipe, a socket, a deleted file: the kernel's link */
                return WALK_DONE;
        }
        if (r == 0) {
                char buf[PATH_MAX];
                ssize_t k = readlink(host, buf, sizeof buf - 1);
                if (k < 0)
                        return -errno;
                buf[k] = '\0';
                target = talloc_strdup(w->ctx, buf);
        }
        if (!target)
                return -ENOMEM;
        if (target[0] == '/') {
                if (rs->flags & RESOLVE_BENEATH_ONLY)
                        return -EXDEV;
                w->cur = talloc_strdup(w->ctx, rs->scope);
        }
        w->rest = talloc_asprintf(w->ctx, "%s%s%s", target, *w->rest ? "/" : "", w->rest);
        return w->rest && w->cur ? WALK_NEXT : -ENOMEM;
}

/* One component of w->rest. */
static int walk_step(struct walk *w, bool follow_last)
{
        const char *r = w->rest, *comp;
        char *cand, *host;
        struct stat st;
        size_t len;
        bool last;

        r += strspn(r, "/");
        if (!*r)
                return WALK_DONE;
        comp = r;
        len = strcspn(r, "/");
        r += len;
        last = r[strspn(r, "/")] == '\0';
        w->rest = talloc_strdup(w->ctx, r);
        w->suffix = "";
        if (!w->rest)
                return -ENOMEM;

        if ((len == 1 && comp[0] == '.') || (len == 2 && comp[0] == '.' && comp[1] == '.')) {
                if (last)
                        w->suffix = "/.";
                return len == 1 ? WALK_NEXT : walk_dotdot(w);
        }
        cand = join(w->ctx, w->cur, comp, len);
        if (!cand)
                return -ENOMEM;
        if (last && !follow_last) {
                w->cur = cand;
                return WALK_DONE;
        }
        host = path_to_host(w->ctx, w->rs->paths, cand);
        if (!host)
                return -ENOENT;
        if (lstat(host, &st) < 0)
                return walk_missing(w, cand, last, -errno);
        if (S_ISLNK(st.st_mode))
                return walk_link(w, cand, host, last);
        if (!S_ISDIR(st.st_mode) && !last)
                return walk_missing(w, cand, last, -ENOTDIR);
        w->cur = cand;
        return WALK_NEXT;
}

int path_resolve(void *ctx, const struct resolve *rs, const char *base, const char *path, char **ret_guest,
                 char **ret_host)
{
        size_t plen = strlen(path);
        bool trailing = plen > 0 && path[plen - 1] == '/';
        struct walk w = {.ctx = ctx, .rs = rs, .suffix = ""};
        int r;

        if (plen == 0)
                return -ENOENT;
        if (path[0] == '/' && (rs->flags & RESOLVE_BENEATH_ONLY))
                return -EXDEV;
        w.cur = talloc_strdup(ctx, path[0] == '/' ? rs->scope : base);
        w.rest = talloc_strdup(ctx, path);
        if (!w.cur || !w.rest)
                return -ENOMEM;
        do
                r = walk_step(&w, (rs->flags & RESOLVE_FOLLOW_LAST) || trailing);
        while (r == WALK_NEXT);
        if (r < 0)
                return r;

        if (ret_host) {
                char *host = w.host_override ? w.host_override : path_to_host(ctx, rs->paths, w.cur);
                if (!host)
                        return -ENOENT;
                if (*w.suffix)
                        host = talloc_asprintf(ctx, "%s%s", host, w.suffix);
                else if (trailing && !streq(host, "/"))
                        host = talloc_asprintf(ctx, "%s/", host);
                if (!host)
                        return -ENOMEM;
                *ret_host = host;
        }
        if (ret_guest)
                *ret_guest = w.cur;
        return 0;
}
