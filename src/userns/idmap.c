/* Id maps: computing them (pure) and writing them. A single mapping, root = the invoking user,
 * is written by us after denying setgroups, as the kernel requires of an unprivileged writer;
 * a subordinate range goes through the setuid newuidmap/newgidmap of the uidmap package, the
 * way rootless podman does, both at once to halve the wait. */
#include "userns/idmap.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <stdbool.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/macro.h"
#include "util/log.h"

static void single(struct idmap *m, uint32_t outside)
{
        *m = (struct idmap){.extents = {{0, outside, 1}}, .n = 1};
}

static void with_range(struct idmap *m, uint32_t outside, const struct subid_range *r)
{
        uint32_t count = r->count > 65535 ? 65535 : (uint32_t)r->count;

        *m = (struct idmap){.extents = {{0, outside, 1}, {1, (uint32_t)r->start, count}}, .n = 2};
}

void idmaps_compute(enum private_users mode, uid_t uid, gid_t gid, const struct subid_range *subuid,
                    const struct subid_range *subgid, bool have_helpers, struct idmaps *ret)
{
        struct idmaps m = {0};

        if (mode == PRIVATE_USERS_PICK && !have_helpers)
                m.why_single = "newuidmap/newgidmap are not installed (apt-get install uidmap)";
        else if (mode == PRIVATE_USERS_PICK && (!subuid->count || !subgid->count))
                m.why_single = "there is no subordinate id range for this user in /etc/subuid and /etc/subgid";

        if (mode == PRIVATE_USERS_PICK && !m.why_single) {
                with_range(&m.uid, uid, subuid);
                with_range(&m.gid, gid, subgid);
                m.use_helpers = true;
        } else {
                single(&m.uid, uid);
                single(&m.gid, gid);
        }
        *ret = m;
}

int idmap_format(const struct idmap *m, char *buf, size_t size)
{
        size_t off = 0;

        buf[0] = '\0';
        for (unsigned i = 0; i < m->n; i++) {
                int n = snprintf(buf + off, size - off, "%u %u %u\n", m->extents[i].inside, m->extents[i].outside,
                                 m->extents[i].count);
                if (n < 0 || (size_t)n >= size - off)
                        return -ENOBUFS;
                off += (size_t)n;
        }
        return (int)off;
}

bool idmap_contains(const struct idmap *m, uint32_t id)
{
        for (unsigned i = 0; i < m->n; i++)
                if (id >= m->extents[i].inside && id - m->extents[i].inside < m->extents[i].count)
                        return true;
        return false;
}

static int write_proc_file(pid_t pid, const char *name, const char *text)
{
        char path[64];

        snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
        return write_string_file(path, text);
}

static int write_maps_directly(const struct idmaps *maps, pid_t pid)
{
        char buf[128];
        int r;

        r = write_proc_file(pid, "setgroups", "deny");
        if (r < 0 && r != -ENOENT)
                return log_error_errno(r, "Failed to deny setgroups for the container: %m");
        idmap_format(&maps->gid, buf, sizeof buf);
        r = write_proc_file(pid, "gid_map", buf);
        if (r < 0)
                return log_error_errno(r, "Failed to write the container's gid map: %m");
        idmap_format(&maps->uid, buf, sizeof buf);
        r = write_proc_file(pid, "uid_map", buf);
        if (r < 0)
                return log_error_errno(r, "Failed to write the container's uid map: %m");
        return 0;
}

struct helper {
        const char *name;
        pid_t pid;
        int err_fd; /* its stderr, read after it exits */
};

/* Run newuidmap/newgidmap with its stderr captured, so a failure is reported once, by us. */
static int spawn_helper(struct helper *h, const struct idmap *m, pid_t pid)
{
        char args[2][3][16], pidstr[16];
        char *argv[10] = {(char *)h->name, pidstr};
        posix_spawn_file_actions_t fa;
        int argc = 2, pipefd[2], r;

        snprintf(pidstr, sizeof pidstr, "%d", (int)pid);
        for (unsigned i = 0; i < m->n; i++)
                for (unsigned j = 0; j < 3; j++) {
                        const uint32_t v[3] = {m->extents[i].inside, m->extents[i].outside, m->extents[i].count};
                        snprintf(args[i][j], sizeof args[i][j], "%u", v[j]);
                        argv[argc++] = args[i][j];
                }
        argv[argc] = NULL;
        if (pipe2(pipefd, O_CLOEXEC) < 0)
                return -errno;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
        r = -posix_spawnp(&h->pid, h->name, &fa, NULL, argv, environ);
        posix_spawn_file_actions_destroy(&fa);
        close(pipefd[1]);
        h->err_fd = pipefd[0];
        if (r < 0) {
                h->err_fd = safe_close(h->err_fd);
                h->pid = 0;
        }
        return r;
}

/* Wait for the helper; on failure put its first line of complaint in why. */
static bool helper_succeeded(struct helper *h, char *why, size_t n)
{
        char buf[512] = "";
        ssize_t k;
        int status = 0;

        if (h->pid <= 0) {
                snprintf(why, n, "%s could not be started", h->name);
                return false;
        }
        while (waitpid(h->pid, &status, 0) < 0 && errno == EINTR)
                ;
        k = read(h->err_fd, buf, sizeof buf - 1);
        h->err_fd = safe_close(h->err_fd);
        buf[k > 0 ? k : 0] = '\0';
        buf[strcspn(buf, "\n")] = '\0';
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
                return true;
        snprintf(why, n, "%s", buf[0] ? buf : "it failed");
        return false;
}

static bool map_written(pid_t pid, const char *name)
{
        char path[64], buf[64];

        snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
        return read_small_file(path, buf, sizeof buf) != 0;
}

int idmaps_apply(struct idmaps *maps, pid_t pid)
{
        struct helper u = {"newuidmap", 0, -EBADF}, g = {"newgidmap", 0, -EBADF};
        char why_u[256] = "", why_g[256] = "";
        bool ok_u, ok_g;

        if (!maps->use_helpers)
                return write_maps_directly(maps, pid);
        spawn_helper(&u, &maps->uid, pid);
        spawn_helper(&g, &maps->gid, pid);
        ok_u = helper_succeeded(&u, why_u, sizeof why_u);
        ok_g = helper_succeeded(&g, why_g, sizeof why_g);
        if (ok_u && ok_g)
                return 0;
        if (map_written(pid, "uid_map") || map_written(pid, "gid_map"))
                return log_error_errno(-EPERM,
                                       "Mapping the subordinate range failed halfway: %s; use --private-users=self",
                                       ok_u ? why_g : why_u);
        /* e.g. uspawn runs with no_new_privs, so the setuid helpers cannot work: map only root */
        log_info("Mapping only root (to uid %u): %s (%s).", maps->uid.extents[0].outside,
                 "newuidmap/newgidmap could not map the subordinate range", ok_u ? why_g : why_u);
        maps->uid.n = maps->gid.n = 1;
        maps->use_helpers = false;
        maps->why_single = "newuidmap/newgidmap could not map the subordinate range";
        return write_maps_directly(maps, pid);
}

void idmaps_decide(enum private_users mode, struct idmaps *ret)
{
        static struct {
                bool known;
                enum private_users mode;
                struct idmaps maps;
        } decided;
        struct host h = {0};

        if (decided.known && decided.mode == mode) {
                *ret = decided.maps;
                return;
        }
        if (mode == PRIVATE_USERS_PICK) {
                host_probe_subid(&h);
                host_probe_newuidmap(&h);
        }
        idmaps_compute(mode, getuid(), getgid(), &h.subuid_range, &h.subgid_range, h.newuidmap.ok, ret);
        decided.known = true;
        decided.mode = mode;
        decided.maps = *ret;
}
