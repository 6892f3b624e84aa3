/* Trace backend path translation without a tracee: a temporary tree with symlinks pointing out,
 * a bind, and `..` past the root; plus the syscall table's consistency. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <talloc.h>
#include <unistd.h>

#include "trace/path.h"
#include "trace/syscalls.h"
#include "unit.h"
#include "util/macro.h"

static const char *host_of(void *ctx, const struct resolve *rs, const char *base, const char *path, int *ret_r)
{
        char *guest = NULL, *host = NULL;

        *ret_r = path_resolve(ctx, rs, base, path, &guest, &host);
        return *ret_r < 0 ? NULL : host;
}

int main(void)
{
        void *ctx = talloc_new(NULL);
        char root[] = "/tmp/uspawn-unit-trace.XXXXXX", bind[] = "/tmp/uspawn-unit-bind.XXXXXX";
        struct path_table t = {};
        int r;

        if (!mkdtemp(root) || !mkdtemp(bind))
                return 1;
        char *p = talloc_asprintf(ctx, "%s/etc", root);
        mkdir(p, 0755);
        symlink("/etc/passwd", talloc_asprintf(ctx, "%s/abs", root));
        symlink("../../../../etc", talloc_asprintf(ctx, "%s/etc/rel", root));
        symlink("abs", talloc_asprintf(ctx, "%s/chain", root));
        symlink("loop", talloc_asprintf(ctx, "%s/loop", root));
        check(path_table_add(ctx, &t, "/", root, false) == 0, "root row");
        check(path_table_add(ctx, &t, "/mnt/b", bind, true) == 0, "bind row");

        struct resolve rs = {.paths = &t, .tid = getpid(), .tgid = getpid(), .scope = "/", .flags = RESOLVE_FOLLOW_LAST};
        const char *h;

        h = host_of(ctx, &rs, "/", "/abs", &r);
        check(h && streq(h, talloc_asprintf(ctx, "%s/etc/passwd", root)), "absolute link resolves in the root");
        h = host_of(ctx, &rs, "/", "/chain", &r);
        check(h && streq(h, talloc_asprintf(ctx, "%s/etc/passwd", root)), "link to a link");
        h = host_of(ctx, &rs, "/", "/etc/rel/x", &r);
        check(h && streq(h, talloc_asprintf(ctx, "%s/etc/x", root)), "relative link climbing out stops at the root");
        h = host_of(ctx, &rs, "/etc", "../../../..", &r);
        check(h && streq(h, talloc_asprintf(ctx, "%s/.", root)), "'..' past the root is the root");
        h = host_of(ctx, &rs, "/", "/mnt/b/f", &r);
        check(h && streq(h, talloc_asprintf(ctx, "%s/f", bind)), "bind row");
        check(path_mount_of(&t, "/mnt/b/f")->read_only, "bind row is read-only");
        host_of(ctx, &rs, "/", "/loop", &r);
        check(r == -ELOOP, "link loop is ELOOP");
        rs.flags = 0;
        h = host_of(ctx, &rs, "/", "/abs", &r);
        check(h && streq(h, talloc_asprintf(ctx, "%s/abs", root)), "final link not followed without FOLLOW_LAST");
        rs.flags = RESOLVE_FOLLOW_LAST | RESOLVE_BENEATH_ONLY;
        rs.scope = "/etc";
        host_of(ctx, &rs, "/etc", "../x", &r);
        check(r == -EXDEV, "BENEATH: '..' out of the scope is EXDEV");
        rs.flags = RESOLVE_FOLLOW_LAST | RESOLVE_SCOPED;
        h = host_of(ctx, &rs, "/etc", "/rel", &r);
        check(h && streq(h, talloc_asprintf(ctx, "%s/etc/etc", root)), "IN_ROOT: '..' of a link stops at the scope");

        char *g = path_to_guest(ctx, &t, talloc_asprintf(ctx, "%s/usr/bin", root));
        check(g && streq(g, "/usr/bin"), "host path back to guest");
        g = path_to_guest(ctx, &t, root);
        check(g && streq(g, "/"), "the root itself is /");
        g = path_to_guest(ctx, &t, talloc_asprintf(ctx, "%s/x", bind));
        check(g && streq(g, "/mnt/b/x"), "bind source back to its destination");
        check(!path_to_guest(ctx, &t, "/usr"), "a host path outside every row has no guest path");

        /* the table: every row once, path arguments within the six registers */
        bool ok = true;
        for (size_t i = 0; i < syscall_table_size; i++) {
                for (size_t j = i + 1; j < syscall_table_size; j++)
                        ok &= syscall_table[i].nr != syscall_table[j].nr;
                for (int a = 0; a < 2; a++)
                        ok &= syscall_table[i].arg[a].path < 6 && syscall_table[i].arg[a].dirfd < 6 &&
                              syscall_table[i].arg[a].flags < 6;
        }
        check(ok, "syscall table: unique numbers, arguments in range");
        check(syscall_row_find(__NR_openat2) && syscall_row_find(__NR_openat2)->kind == SC_OPENAT2, "openat2 row");

        char *cmd = talloc_asprintf(ctx, "rm -rf '%s' '%s'", root, bind);
        if (system(cmd) != 0)
                return 1;
        talloc_free(ctx);
        return unit_exit();
}
