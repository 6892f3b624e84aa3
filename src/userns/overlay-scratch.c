/* Scratch and workdir clean-up for overlays, run by the supervisor once the container is gone
 * (also after a SIGTERM: the supervisor turns it into the container's stop and comes back
 * here). On SIGKILL of uspawn nothing runs: a tmpfs upper vanishes with the mount namespace,
 * while an --ephemeral-dir scratch directory stays behind (named .#uspawn-MACHINE-<hex>). */
#include "userns/overlay-scratch.h"

#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "image/remove.h"
#include "util/fs.h"
#include "util/log.h"

int overlay_scratch_create(const struct settings *s)
{
        if (!s->scratch)
                return 0;
        if (mkdir(s->scratch, 0700) < 0)
                return log_error_errno(-errno, "Failed to create the scratch directory %s for --ephemeral-dir: %m",
                                       s->scratch);
        return 0;
}

/* Open the directory a workdir was made in: in the tree (never leaving it) or on the host. */
static int open_parent(int treefd, const struct overlay_layer *parent)
{
        if (parent->in_root)
                return treefd < 0 ? treefd : open_in_root(treefd, parent->path, O_PATH | O_DIRECTORY);
        return RET_NERRNO(open(parent->path, O_PATH | O_DIRECTORY | O_CLOEXEC));
}

static int remove_all(const struct settings *s)
{
        _cleanup_close_ int treefd = RET_NERRNO(open(s->root, O_PATH | O_DIRECTORY | O_CLOEXEC));
        int r = 0, k;

        if (s->scratch && (k = rm_rf_at(AT_FDCWD, s->scratch)) < 0)
                r = log_warning_errno(k, "Failed to remove the scratch directory %s: %m", s->scratch);
        for (unsigned i = 0; i < s->n_overlays; i++) {
                const struct overlay_spec *o = &s->overlays[i];
                _cleanup_close_ int parent = -EBADF;

                if (!o->work)
                        continue;
                parent = open_parent(treefd, &o->work_parent);
                k = parent < 0 ? (parent == -ENOENT ? 0 : parent) : rm_rf_at(parent, o->work);
                if (k < 0)
                        r = log_warning_errno(k, "Failed to remove the overlay's workdir %s%s/%s: %m",
                                              o->work_parent.in_root ? "+" : "", o->work_parent.path, o->work);
        }
        return r;
}

void overlay_cleanup(const struct settings *s, int userns_fd)
{
        bool any = s->scratch;
        int status;
        pid_t pid;

        for (unsigned i = 0; i < s->n_overlays; i++)
                any = any || s->overlays[i].work;
        if (!any)
                return;
        if (userns_fd < 0) {
                (void)remove_all(s);
                return;
        }
        pid = fork();
        if (pid < 0) {
                log_warning_errno(-errno, "Cannot fork to remove the overlays' directories: %m");
                return;
        }
        if (pid == 0) {
                /* full capabilities over the ids the container had, none beyond them */
                if (setns(userns_fd, CLONE_NEWUSER) < 0)
                        log_debug("Cannot enter the container's user namespace (%m); removing as the user.");
                _exit(remove_all(s) < 0 ? 1 : 0);
        }
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
}
