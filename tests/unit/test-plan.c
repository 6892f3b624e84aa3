/* Unit tests for plan building: the order of the standard mounts, the user's mounts sorted
 * parent-first, and the operations that depend on options. No kernel needed. */
#include <string.h>
#include <talloc.h>

#include "cli/options.h"
#include "plan.h"
#include "unit.h"

static int index_of(const struct plan *p, enum mount_op_kind kind, const char *dst)
{
        for (unsigned i = 0; i < p->n_ops; i++)
                if (p->ops[i].kind == kind && strcmp(p->ops[i].destination, dst) == 0)
                        return (int)i;
        return -1;
}

static struct plan *plan_for(void *ctx, char **argv, int argc)
{
        struct settings *s = settings_new(ctx);

        if (options_parse(s, argc, argv) != PARSE_RUN)
                return NULL;
        if (s->console == CONSOLE_AUTO)
                s->console = CONSOLE_PIPE;
        return plan_build(ctx, s);
}

int main(void)
{
        void *ctx = talloc_new(NULL);
        char *basic[] = {"uspawn", "-D", "/r", NULL};
        char *full[] = {"uspawn",      "--bind=/h/a:/mnt/x/y", "--tmpfs=/mnt/x",        "--bind-ro=/h/b:/mnt",
                        "--read-only", "--private-network",    "--console=interactive", NULL};
        struct plan *p = plan_for(ctx, basic, 3);

        check(p && index_of(p, OP_PROC, "/proc") == 0, "procfs comes first");
        check(index_of(p, OP_READ_ONLY, "/proc/sys") > 0 && index_of(p, OP_MASK, "/proc/kcore") > 0,
              "/proc/sys read-only and /proc/kcore masked");
        check(index_of(p, OP_TMPFS, "/dev") < index_of(p, OP_BIND_DEVICE, "/dev/null") &&
                      index_of(p, OP_BIND_DEVICE, "/dev/null") >= 0,
              "/dev tmpfs before its device nodes");
        check(index_of(p, OP_DEVPTS, "/dev/pts") > index_of(p, OP_TMPFS, "/dev") &&
                      index_of(p, OP_SYMLINK, "/dev/ptmx") > 0,
              "devpts and the ptmx link");
        check(index_of(p, OP_BIND, "/etc/resolv.conf") > 0, "resolv.conf bound with the host network");
        check(index_of(p, OP_CONSOLE, "/dev/console") < 0 && !p->console_pty, "no console pty in pipe mode");
        check(index_of(p, OP_ROOT_READ_ONLY, "/") < 0, "root writable by default");

        p = plan_for(ctx, full, 7);
        check(p != NULL, "full option set parses");
        int x = index_of(p, OP_TMPFS, "/mnt/x"), xy = index_of(p, OP_BIND, "/mnt/x/y"),
            mnt = index_of(p, OP_BIND, "/mnt");
        check(mnt >= 0 && mnt < x && x < xy, "user mounts are sorted parent before child");
        check(p->ops[mnt].read_only && !p->ops[xy].read_only, "bind-ro marks only its own bind");
        check(index_of(p, OP_BIND, "/etc/resolv.conf") < 0, "no host resolv.conf with a private network");
        check(index_of(p, OP_CONSOLE, "/dev/console") > 0 && p->console_pty, "interactive console gets a pty");
        check(index_of(p, OP_ROOT_READ_ONLY, "/") == (int)p->n_ops - 1, "read-only root is the last step");

        char *veth[] = {"uspawn", "-n", "-p", "8080:80", NULL};
        p = plan_for(ctx, veth, 4);
        int rc = p ? index_of(p, OP_RESOLV_CONF, "/etc/resolv.conf") : -1;
        check(rc > index_of(p, OP_TMPFS, "/run") && index_of(p, OP_BIND, "/etc/resolv.conf") < 0,
              "-n: resolv.conf written on /run (after its tmpfs), not the host's");
        check(rc >= 0 && p->ops[rc].options && strncmp(p->ops[rc].options, "nameserver ", 11) == 0,
              "-n: resolv.conf names a nameserver");
        talloc_free(ctx);
        return unit_exit();
}
