/* Locking, registering and naming a running machine. The lock is taken before anything is
 * started, so a second uspawn on the same tree fails before touching it. */
#include "machine.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "network.h"
#include "registry.h"
#include "userns/caps.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/strv.h"

int machine_lock(const struct settings *s)
{
        void *ctx = talloc_new(NULL);
        struct machine_record running;
        struct stat st;
        int fd;

        if (stat(s->root, &st) < 0) {
                talloc_free(ctx);
                return log_error_errno(-errno, "Cannot stat %s: %m", s->directory);
        }
        /* runs that never write the tree (--read-only, -x, --volatile) share it */
        fd = registry_lock_tree(st.st_dev, st.st_ino, settings_tree_unchanged(s));
        if (fd == -EBUSY) {
                talloc_free(ctx);
                return log_error_errno(fd,
                                       "Directory %s is currently busy: another uspawn runs a machine on it (see "
                                       "uspawnctl list; several --read-only, -x or --volatile machines may share a tree)",
                                       s->directory);
        }
        if (fd < 0) {
                talloc_free(ctx);
                log_warning_errno(
                        fd, "Machine %s will not be listed by uspawnctl: no runtime directory for the registry: %m",
                        s->machine);
                return -EBADF;
        }
        if (registry_load(ctx, s->machine, &running) == 0) {
                int r = log_error_errno(-EEXIST, "Machine %s is already running (on %s); choose another name with -M",
                                        s->machine, running.root);
                close(fd);
                talloc_free(ctx); /* after the message: running.root lives in ctx */
                return r;
        }
        talloc_free(ctx);
        return fd;
}

bool machine_register(const struct settings *s, const char *backend, pid_t leader, const char *uuid,
                      char **addresses, bool emulate_ids)
{
        const struct network_helper_info *net = s->network_veth ? network_helper_info(s->network_helper) : NULL;
        void *tmp = talloc_new(NULL);
        char **ports = NULL, spec[64];
        struct timespec now;
        int r;

        clock_gettime(CLOCK_REALTIME, &now);
        struct machine_record m = {
                .name = s->machine,
                .leader = leader,
                .supervisor = getpid(),
                .supervisor_start = process_start_time(getpid()),
                .root = s->root,
                .backend = (char *)backend,
                .started_usec = (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000,
                .boot = s->boot,
                .init = s->boot ? (char *)init_kind_to_string(s->init.kind) : NULL,
                .kill_signal = s->kill_signal,
                .uuid = (char *)uuid,
                .caps_keep = caps_compute(s->capability_add, s->capability_drop, s->private_network),
                .no_new_privileges = s->no_new_privileges,
                .emulate_ids = emulate_ids,
                .syscall_filter = s->syscall_filter,
                .network = net ? "veth" : s->private_network ? "private" : "host",
                .network_helper = net ? (char *)net->program : NULL,
                .interface = net ? (char *)net->interface : NULL,
                .addresses = addresses,
        };

        for (unsigned i = 0; i < s->n_ports; i++) {
                port_spec_format(&s->ports[i], spec, sizeof spec);
                strv_append(tmp, &ports, spec);
        }
        m.ports = ports;
        r = registry_register(&m);
        talloc_free(tmp);
        if (r < 0)
                log_warning_errno(r, "Machine %s will not be listed by uspawnctl: %m", s->machine);
        return r >= 0;
}

void machine_unregister(const struct settings *s)
{
        registry_unregister(s->machine);
}

static void random_uuid(char out[37])
{
        unsigned char b[16] = {0};

        if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b)
                for (size_t i = 0; i < sizeof b; i++)
                        b[i] = (unsigned char)(getpid() * 31 + (int)i * 131 + time(NULL));
        b[6] = (b[6] & 0x0f) | 0x40; /* version 4 */
        b[8] = (b[8] & 0x3f) | 0x80; /* RFC 4122 variant */
        snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
                 b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

void machine_choose_uuid(const struct settings *s, char out[37])
{
        _cleanup_close_ int rootfd = open(s->root, O_PATH | O_DIRECTORY | O_CLOEXEC), fd = -EBADF;
        char id[64];
        ssize_t n;

        random_uuid(out);
        if (s->ephemeral) /* many copies of one tree run at once: each its own id */
                return;
        if (rootfd < 0 || (fd = open_in_root(rootfd, "/etc/machine-id", O_RDONLY)) < 0)
                return;
        n = read(fd, id, sizeof id - 1);
        if (n < 32 || strspn(id, "0123456789abcdef") < 32)
                return;
        snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", id, id + 8, id + 12, id + 16, id + 20);
}
