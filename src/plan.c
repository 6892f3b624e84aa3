/* Building the setup plan from the settings. The order mirrors systemd-nspawn's mount table:
 * /proc and its read-only and masked parts, /sys, a tmpfs /dev with the safe device nodes,
 * /tmp and /run, then the user's binds and tmpfs sorted so that parents come before children. */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "cow-inject.h"
#include "network.h"
#include "util/macro.h"
#include "vsyscall-preload.h"

static struct mount_op *add(struct plan *p, enum mount_op_kind kind, const char *source, const char *destination,
                            const char *options)
{
        struct mount_op *op;

        p->ops = talloc_realloc(p, p->ops, struct mount_op, p->n_ops + 1);
        op = &p->ops[p->n_ops++];
        *op = (struct mount_op){
                .kind = kind,
                .source = source ? talloc_strdup(p, source) : NULL,
                .destination = talloc_strdup(p, destination),
                .options = options ? talloc_strdup(p, options) : NULL,
                .recursive = true,
        };
        return op;
}

static void add_proc(struct plan *p)
{
        static const char *const read_only[] = {"/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus"};
        static const char *const masked[] = {"/proc/kcore", "/proc/keys", "/proc/timer_list", "/proc/sched_debug"};

        add(p, OP_PROC, NULL, "/proc", NULL);
        for (size_t i = 0; i < ELEMENTSOF(read_only); i++)
                add(p, OP_READ_ONLY, NULL, read_only[i], NULL)->optional = true;
        for (size_t i = 0; i < ELEMENTSOF(masked); i++)
                add(p, OP_MASK, NULL, masked[i], NULL)->optional = true;
}

static void add_dev(struct plan *p, const struct settings *s)
{
        static const char *const nodes[] = {"null", "zero", "full", "random", "urandom", "tty"};
        static const char *const links[][2] = {
                {"pts/ptmx", "/dev/ptmx"},          {"/proc/self/fd", "/dev/fd"},
                {"/proc/self/fd/0", "/dev/stdin"},  {"/proc/self/fd/1", "/dev/stdout"},
                {"/proc/self/fd/2", "/dev/stderr"},
        };

        add(p, OP_TMPFS, NULL, "/dev", "mode=0755");
        for (size_t i = 0; i < ELEMENTSOF(nodes); i++) {
                char host[32];
                snprintf(host, sizeof host, "/dev/%s", nodes[i]);
                add(p, OP_BIND_DEVICE, host, host, NULL);
        }
        add(p, OP_DEVPTS, NULL, "/dev/pts", "newinstance,ptmxmode=0666,mode=0620");
        for (size_t i = 0; i < ELEMENTSOF(links); i++)
                add(p, OP_SYMLINK, links[i][0], links[i][1], NULL);
        add(p, OP_TMPFS, NULL, "/dev/shm", "mode=1777");
        add(p, OP_MQUEUE, NULL, "/dev/mqueue", NULL)->optional = true;
        add(p, OP_SYSLOG, NULL, "/dev/log", NULL);
        if (s->console != CONSOLE_PIPE) {
                add(p, OP_CONSOLE, NULL, "/dev/console", NULL);
                p->console_pty = true;
        }
}

static unsigned path_depth(const char *path)
{
        unsigned n = 0;

        for (const char *c = path; *c; c++)
                if (*c == '/' && c[1] && c[1] != '/')
                        n++;
        return n;
}

/* User mounts in an order where a mount never hides one made before it under its path;
 * equal depths keep the command line's order (insertion sort is stable). */
static void sort_user_mounts(struct mount_op *ops, unsigned n)
{
        for (unsigned i = 1; i < n; i++) {
                struct mount_op key = ops[i];
                unsigned j = i;
                while (j > 0 && path_depth(ops[j - 1].destination) > path_depth(key.destination)) {
                        ops[j] = ops[j - 1];
                        j--;
                }
                ops[j] = key;
        }
}

static void add_user_mounts(struct plan *p, const struct settings *s)
{
        unsigned first = p->n_ops;

        for (unsigned i = 0; i < s->n_binds; i++) {
                const struct bind_spec *b = &s->binds[i];
                struct mount_op *op = add(p, OP_BIND, b->source, b->destination, NULL);
                op->source_in_root = b->source_in_root;
                op->read_only = b->read_only;
                op->recursive = b->recursive;
        }
        for (unsigned i = 0; i < s->n_tmpfs; i++)
                add(p, OP_TMPFS, NULL, s->tmpfs[i].destination, s->tmpfs[i].options);
        for (unsigned i = 0; i < s->n_overlays; i++) {
                struct mount_op *op = add(p, OP_OVERLAY, NULL, s->overlays[i].destination, NULL);
                op->overlay = &s->overlays[i];
                op->read_only = s->overlays[i].read_only;
        }
        sort_user_mounts(p->ops + first, p->n_ops - first);
}

struct plan *plan_build(void *ctx, const struct settings *s)
{
        struct plan *p = talloc_zero(ctx, struct plan);

        if (!p)
                return NULL;
        p->overlay_driver = s->overlay_driver;
        /* the root itself first: every later operation works in what it makes */
        if (settings_root_is_overlay(s))
                add(p, OP_ROOT_OVERLAY, s->scratch, "/", "mode=0755");
        else if (s->volatile_mode == VOLATILE_YES)
                add(p, OP_ROOT_TMPFS, NULL, "/", "mode=0755");
        add_proc(p);
        add(p, OP_SYSFS, "/sys", "/sys", NULL)->read_only = true;
        if (s->boot) /* an init may manage cgroups: its own, when uspawn's is delegated */
                add(p, OP_CGROUP, NULL, "/sys/fs/cgroup", NULL)->optional = true;
        add_dev(p, s);
        add(p, OP_TMPFS, NULL, "/tmp", "mode=1777");
        add(p, OP_TMPFS, NULL, "/run", "mode=0755");
        add(p, OP_RUN_HOST, NULL, "/run/host", NULL);
        if (s->notify_ready)
                add(p, OP_NOTIFY, NULL, "/run/host/notify", NULL);
        if (s->network_veth) {
                const struct network_helper_info *h = network_helper_info(s->network_helper);
                char text[128];

                snprintf(text, sizeof text, "nameserver %s\n", h ? h->dns : "127.0.0.1");
                add(p, OP_RESOLV_CONF, "/run/host/resolv.conf", "/etc/resolv.conf", text);
        }
        if (s->cow_library) { /* a hard-link clone's run: the copy-on-write shim (cow-inject.c) */
                struct mount_op *op = add(p, OP_BIND, s->cow_library, COW_LIBRARY_IN_CONTAINER, NULL);
                op->read_only = true;
                op->recursive = false;
        }
        if (s->vsyscall_library) { /* --vsyscall=preload (vsyscall-preload.c) */
                struct mount_op *op = add(p, OP_BIND, s->vsyscall_library, VSYSCALL_LIBRARY_IN_CONTAINER, NULL);
                op->read_only = true;
                op->recursive = false;
        }
        if (s->ids_library) { /* the root emulation's stat fast path (cow-inject.c) */
                struct mount_op *op = add(p, OP_BIND, s->ids_library, IDS_LIBRARY_IN_CONTAINER, NULL);
                op->read_only = true;
                op->recursive = false;
        }
        add(p, OP_READ_ONLY, NULL, "/run/host", NULL); /* the guest reads it; only we write it */
        if (!s->network_veth && !s->private_network) {
                struct mount_op *op = add(p, OP_BIND, "/etc/resolv.conf", "/etc/resolv.conf", NULL);
                op->read_only = true;
                op->optional = true;
        }
        if (s->volatile_mode == VOLATILE_STATE) /* before the user's mounts: they may go below it */
                add(p, OP_TMPFS, NULL, "/var", "mode=0755");
        add_user_mounts(p, s);
        if (s->read_only || s->volatile_mode == VOLATILE_STATE)
                add(p, OP_ROOT_READ_ONLY, NULL, "/", NULL);
        return p;
}

const char *mount_op_kind_to_string(enum mount_op_kind k)
{
        static const char *const names[] = {
                [OP_PROC] = "proc",           [OP_SYSFS] = "sysfs",     [OP_TMPFS] = "tmpfs",
                [OP_DEVPTS] = "devpts",       [OP_MQUEUE] = "mqueue",   [OP_BIND] = "bind",
                [OP_BIND_DEVICE] = "device",  [OP_CONSOLE] = "console", [OP_SYSLOG] = "syslog",
                [OP_NOTIFY] = "notify",       [OP_CGROUP] = "cgroup",   [OP_SYMLINK] = "symlink",
                [OP_READ_ONLY] = "read-only", [OP_MASK] = "mask",       [OP_ROOT_READ_ONLY] = "root-read-only",
                [OP_RESOLV_CONF] = "resolv-conf", [OP_RUN_HOST] = "run-host",       [OP_OVERLAY] = "overlay",
                [OP_ROOT_OVERLAY] = "root-overlay", [OP_ROOT_TMPFS] = "root-tmpfs",
        };
        return names[k];
}

static void layer_print(const struct overlay_layer *l, FILE *f)
{
        fprintf(f, "%s%s", l->in_root ? "+" : "", l->path);
}

/* " <- LOWER:LOWER (upper UPPER, work DIR/NAME) [rw]": the layers bottom first, as given. */
static void overlay_print(const struct overlay_spec *o, FILE *f)
{
        fputs(" <- ", f);
        for (unsigned i = 0; i < o->n_lower; i++) {
                if (i)
                        fputc(':', f);
                layer_print(&o->lower[i], f);
        }
        fputs(" (upper ", f);
        if (o->upper.path)
                layer_print(&o->upper, f);
        else
                fputs(o->read_only ? "none" : "a tmpfs", f);
        if (o->work) {
                fputs(", work ", f);
                layer_print(&o->work_parent, f);
                fprintf(f, "%s%s", streq(o->work_parent.path, "/") ? "" : "/", o->work);
        }
        fprintf(f, ") [%s]", o->read_only ? "ro" : "rw");
}

void plan_print(const struct plan *p, FILE *f)
{
        for (unsigned i = 0; i < p->n_ops; i++) {
                const struct mount_op *op = &p->ops[i];
                fprintf(f, "%-14s %s", mount_op_kind_to_string(op->kind), op->destination);
                if (op->source)
                        fprintf(f, " <- %s%s", op->source_in_root ? "+" : "", op->source);
                if (op->options)
                        fprintf(f, " (%.*s)", (int)strcspn(op->options, "\n"), op->options);
                if (op->overlay)
                        overlay_print(op->overlay, f);
                if (op->kind == OP_ROOT_OVERLAY)
                        fprintf(f, " [lower: the tree; upper: %s]", op->source ? "in this scratch directory" : "a tmpfs");
                if (op->kind == OP_ROOT_TMPFS)
                        fprintf(f, " [/usr: the tree's, read-only]");
                if (op->kind == OP_BIND)
                        fprintf(f, " [%s,%s]", op->read_only ? "ro" : "rw", op->recursive ? "rbind" : "norbind");
                if (op->optional)
                        fprintf(f, " [optional]");
                fputc('\n', f);
        }
}
