/* Unit tests for --overlay/--overlay-ro parsing (nspawn's rules: layers bottom first, the upper
 * second to last, two paths meaning LOWER:UPPER at UPPER, '+' for the tree, "\:" escapes), for
 * --volatile words, and for where overlays and the replaced root go in the plan. */
#include <string.h>
#include <talloc.h>

#include "cli/options.h"
#include "cli/parse.h"
#include "plan.h"
#include "unit.h"

static int parse(void *ctx, const char *spec, bool ro, struct overlay_spec *o)
{
        const char *reason = NULL;
        return parse_overlay_spec(ctx, spec, ro, o, &reason);
}

static void test_parse(void *ctx)
{
        struct overlay_spec o;

        check(parse(ctx, "/a:/b:/c:/dst", false, &o) == 0 && o.n_lower == 2 && strcmp(o.lower[0].path, "/a") == 0 &&
                      strcmp(o.lower[1].path, "/b") == 0 && strcmp(o.upper.path, "/c") == 0 &&
                      strcmp(o.destination, "/dst") == 0,
              "LOWER:LOWER:UPPER:DEST, bottom first");
        check(o.work_parent.path && strcmp(o.work_parent.path, "/") == 0 && !o.work, "workdir beside /c: in /");
        check(parse(ctx, "/l:/u/up", false, &o) == 0 && o.n_lower == 1 && strcmp(o.upper.path, "/u/up") == 0 &&
                      strcmp(o.destination, "/u/up") == 0 && strcmp(o.work_parent.path, "/u") == 0,
              "two paths: LOWER:UPPER mounted at UPPER");
        check(parse(ctx, "+/usr/x:+var/up:/srv", false, &o) == 0 && o.lower[0].in_root &&
                      strcmp(o.lower[0].path, "/usr/x") == 0 && o.upper.in_root && strcmp(o.upper.path, "/var/up") == 0 &&
                      o.work_parent.in_root && strcmp(o.work_parent.path, "/var") == 0,
              "+PATH is relative to the tree, workdir parent too");
        check(parse(ctx, "/l::/srv", false, &o) == 0 && !o.upper.path && !o.work_parent.path,
              "empty UPPER: a tmpfs, no workdir beside it");
        check(parse(ctx, "/with\\:colon:/u:/d", false, &o) == 0 && strcmp(o.lower[0].path, "/with:colon") == 0,
              "\\: is a colon inside a path");
        check(parse(ctx, "+/l:+/opt/x", false, &o) == 0 && strcmp(o.destination, "/opt/x") == 0,
              "two paths with +UPPER: the destination is UPPER's path in the container");
        check(parse(ctx, "/a:/b:/d", true, &o) == 0 && o.read_only && !o.work_parent.path,
              "--overlay-ro: no workdir");
        check(parse(ctx, "/one", false, &o) == -EINVAL, "one path is refused");
        check(parse(ctx, "rel:/u:/d", false, &o) == -EINVAL, "a relative lower is refused");
        check(parse(ctx, "/a::rel", false, &o) == -EINVAL, "a relative destination is refused");
        check(parse(ctx, "/a:/b/../c:/d", false, &o) == -EINVAL, "'..' is refused");
        check(parse(ctx, "/a:/:/d", false, &o) == -EINVAL, "/ as the upper is refused (no place for a workdir)");
        check(parse(ctx, ":/u:/d", false, &o) == -EINVAL, "an empty lower is refused");
        check(parse(ctx, "/l:/u:/", false, &o) == -EINVAL, "the root as destination is refused (that is -x)");
}

static void test_volatile(void)
{
        enum volatile_mode m;

        check(parse_volatile_mode("yes", &m) == 0 && m == VOLATILE_YES, "volatile yes");
        check(parse_volatile_mode(NULL, &m) == 0 && m == VOLATILE_YES, "bare --volatile is yes");
        check(parse_volatile_mode("no", &m) == 0 && m == VOLATILE_NO, "volatile no");
        check(parse_volatile_mode("state", &m) == 0 && m == VOLATILE_STATE, "volatile state");
        check(parse_volatile_mode("overlay", &m) == 0 && m == VOLATILE_OVERLAY, "volatile overlay");
        check(parse_volatile_mode("maybe", &m) == -EINVAL, "volatile maybe is refused");
}

static struct plan *plan_for(void *ctx, char **argv, int argc)
{
        struct settings *s = settings_new(ctx);

        if (options_parse(s, argc, argv) != PARSE_RUN)
                return NULL;
        s->console = CONSOLE_PIPE;
        return plan_build(ctx, s);
}

static int index_of(const struct plan *p, enum mount_op_kind kind, const char *dst)
{
        for (unsigned i = 0; p && i < p->n_ops; i++)
                if (p->ops[i].kind == kind && strcmp(p->ops[i].destination, dst) == 0)
                        return (int)i;
        return -1;
}

static void test_plan(void *ctx)
{
        char *ov[] = {"uspawn", "--overlay=/l:/u:/mnt/a/b", "--tmpfs=/mnt/a", NULL};
        char *eph[] = {"uspawn", "-x", NULL};
        char *vyes[] = {"uspawn", "--volatile", NULL};
        char *vstate[] = {"uspawn", "--volatile=state", "--bind=/h:/var/lib/x", NULL};
        struct plan *p = plan_for(ctx, ov, 3);

        check(index_of(p, OP_OVERLAY, "/mnt/a/b") > index_of(p, OP_TMPFS, "/mnt/a") &&
                      index_of(p, OP_TMPFS, "/mnt/a") > 0,
              "an overlay is sorted with the user's mounts, below its parent");
        p = plan_for(ctx, eph, 2);
        check(index_of(p, OP_ROOT_OVERLAY, "/") == 0 && !p->ops[0].source, "-x: the root overlay first, on a tmpfs");
        p = plan_for(ctx, vyes, 2);
        check(index_of(p, OP_ROOT_TMPFS, "/") == 0, "--volatile: a tmpfs root first");
        p = plan_for(ctx, vstate, 3);
        check(index_of(p, OP_TMPFS, "/var") >= 0 && index_of(p, OP_TMPFS, "/var") < index_of(p, OP_BIND, "/var/lib/x") &&
                      index_of(p, OP_ROOT_READ_ONLY, "/") == (int)p->n_ops - 1,
              "--volatile=state: tmpfs /var before the user's mounts, root read-only last");
}

int main(void)
{
        void *ctx = talloc_new(NULL);

        test_parse(ctx);
        test_volatile();
        test_plan(ctx);
        talloc_free(ctx);
        return unit_exit();
}
