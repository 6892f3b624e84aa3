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
#include <unistd.h>

#include "util/fs.h"
#include "util/log.h"

static void single(struct idmap *m, uint32_t outside)
{
        *m = (struct idmap){ .extents = { { 0, outside, 1 } }, .n = 1 };
}

static void with_range(struct idmap *m, uint32_t outside, const struct subid_range *r)
{
        uint32_t count = r->count > 65535 ? 65535 : (uint32_t)r->count;

        *m = (struct idmap){ .extents = { { 0, outside, 1 }, { 1, (uint32_t)r->start, count } }, .n = 2 };
}

void idmaps_compute(enum private_users mode, uid_t uid, gid_t gid, const struct subid_range *subuid,
                    const struct subid_range *subgid, bool have_helpers, struct idmaps *ret)
{
        struct idmaps m = { 0 };

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
                int n = snprintf(buf + off, size - off, "%u %u %u\n", m->extents[i].inside,
                                 m->extents[i].outside, m->extents[i].count);
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

static int spawn_helper(const char *helper, const struct idmap *m, pid_t pid, pid_t *ret_pid)
{
        char args[2][3][16], pidstr[16];
        char *argv[10] = { (char *)helper, pidstr };
        int argc = 2, r;

        snprintf(pidstr, sizeof pidstr, "%d", (int)pid);
        for (unsigned i = 0; i < m->n; i++)
                for (unsigned j = 0; j < 3; j++) {
                        const uint32_t v[3] = { m->extents[i].inside, m->extents[i].outside, m->extents[i].count };
                        snprintf(args[i][j], sizeof args[i][j], "%u", v[j]);
                        argv[argc++] = args[i][j];
                }
        argv[argc] = NULL;
        r = posix_spawnp(ret_pid, helper, NULL, NULL, argv, environ);
        return r ? log_error_errno(-r, "Failed to run %s: %m (apt-get install uidmap)", helper) : 0;
}

static int wait_helper(const char *helper, pid_t pid)
{
        int status;

        if (waitpid(pid, &status, 0) < 0)
                return log_error_errno(-errno, "Failed to wait for %s: %m", helper);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
                return log_error_errno(-EPERM, "%s failed to map the subordinate range (see its message above); use --private-users=self to map only root",
                                       helper);
        return 0;
}

int idmaps_apply(const struct idmaps *maps, pid_t pid)
{
        pid_t u = 0, g = 0;
        int r, k;

        if (!maps->use_helpers)
                return write_maps_directly(maps, pid);
        r = spawn_helper("newuidmap", &maps->uid, pid, &u);
        if (r < 0)
                return r;
        k = spawn_helper("newgidmap", &maps->gid, pid, &g);
        r = wait_helper("newuidmap", u);
        if (k < 0)
                return k;
        k = wait_helper("newgidmap", g);
        return r < 0 ? r : k;
}
