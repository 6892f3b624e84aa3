/* Entering the importer's user namespace the way util-linux's unshare does it: fork a helper,
 * unshare(CLONE_NEWUSER) in the parent, and let the helper (still outside, same user) write the
 * parent's maps through newuidmap/newgidmap, or directly for the single mapping. The parent
 * keeps running as root of the new namespace with a full capability set there. */
#include "image/userns.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>

#include "host.h"
#include "util/fs.h"
#include "util/log.h"

static _noreturn_ void helper(int ready_fd, struct idmaps *maps, pid_t parent)
{
        char c;

        (void)prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (read(ready_fd, &c, 1) != 1) /* the parent failed to unshare and closed the pipe */
                _exit(2);
        _exit(idmaps_apply(maps, parent) < 0 ? 1 : 0);
}

/* How many extents our uid map has (idmaps_apply may have fallen back to root only). */
static int mapped_lines(void)
{
        char buf[256];
        int n = 0;

        if (read_small_file("/proc/self/uid_map", buf, sizeof buf) < 0)
                return 0;
        for (char *p = buf; (p = strchr(p, '\n')); p++)
                n++;
        return n;
}

int image_enter_userns(struct image_ids *ids)
{
        struct host h = {};
        int pipefd[2], status = 0;
        pid_t pid, parent = getpid();

        host_probe_subid(&h);
        host_probe_newuidmap(&h);
        idmaps_compute(PRIVATE_USERS_PICK, getuid(), getgid(), &h.subuid_range, &h.subgid_range, h.newuidmap.ok,
                       &ids->maps);
        ids->why_not = ids->maps.why_single;
        ids->in_userns = false;

        if (pipe2(pipefd, O_CLOEXEC) < 0)
                return log_error_errno(-errno, "Failed to create a pipe: %m");
        pid = fork();
        if (pid < 0) {
                close(pipefd[0]);
                close(pipefd[1]);
                return log_error_errno(-errno, "Failed to fork the id mapping helper: %m");
        }
        if (pid == 0) {
                close(pipefd[1]);
                helper(pipefd[0], &ids->maps, parent);
        }
        close(pipefd[0]);
        if (unshare(CLONE_NEWUSER) < 0) {
                int r = -errno;
                close(pipefd[1]); /* the helper exits */
                waitpid(pid, NULL, 0);
                /* no user namespace: files become ours and every other owner is recorded */
                log_debug("Importing without a user namespace: unshare: %s", strerror(-r));
                ids->maps.uid.n = ids->maps.gid.n = 1;
                ids->why_not = "user namespaces are not available";
                return 0;
        }
        if (write(pipefd[1], "x", 1) != 1) {
                int r = -errno;
                close(pipefd[1]);
                return log_error_errno(r, "Failed to signal the id mapping helper: %m");
        }
        close(pipefd[1]);
        while (waitpid(pid, &status, 0) < 0)
                if (errno != EINTR)
                        return log_error_errno(-errno, "Failed to wait for the id mapping helper: %m");
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
                return log_error_errno(-EPERM, "Failed to map ids for the import's user namespace");
        if (mapped_lines() < 2) {
                if (ids->maps.uid.n > 1)
                        ids->why_not = "newuidmap/newgidmap could not map the subordinate range";
                ids->maps.uid.n = ids->maps.gid.n = 1;
        }
        ids->in_userns = true;
        return 0;
}

bool image_ids_mapped(const struct image_ids *ids, uint32_t uid, uint32_t gid)
{
        if (!ids->in_userns)
                return uid == 0 && gid == 0;
        return idmap_contains(&ids->maps.uid, uid) && idmap_contains(&ids->maps.gid, gid);
}
