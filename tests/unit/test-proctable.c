/* The root emulation's process table: an unknown process takes the model of its nearest known
 * ancestor (read from /proc), else root's. Uses real child processes. */
#include <signal.h>
#include <sys/wait.h>
#include <talloc.h>
#include <unistd.h>

#include "fakeroot/proctable.h"
#include "unit.h"

/* A child that forks a grandchild; both wait until the pipe closes. Returns the child's pid,
 * the grandchild's in *grandchild. */
static pid_t spawn_family(int *release, pid_t *grandchild)
{
        int wait_pipe[2], report[2];
        pid_t child;

        if (pipe(wait_pipe) < 0 || pipe(report) < 0)
                return -1;
        child = fork();
        if (child == 0) {
                char c;
                pid_t g = fork();
                if (g == 0) {
                        close(wait_pipe[1]);
                        (void)!read(wait_pipe[0], &c, 1);
                        _exit(0);
                }
                (void)!write(report[1], &g, sizeof g);
                close(wait_pipe[1]);
                (void)!read(wait_pipe[0], &c, 1);
                waitpid(g, NULL, 0);
                _exit(0);
        }
        close(wait_pipe[0]);
        close(report[1]);
        if (read(report[0], grandchild, sizeof *grandchild) != (ssize_t)sizeof *grandchild)
                *grandchild = -1;
        close(report[0]);
        *release = wait_pipe[1];
        return child;
}

int main(void)
{
        struct proctable *t = proctable_new(NULL);
        struct fake_proc *self, *p;
        pid_t child, grandchild = -1;
        int release = -1;

        self = proctable_get(t, getpid());
        check(self && fake_creds_is_root(&self->creds), "an unknown process without known ancestors is root");
        fake_setgid(&self->creds, 44);
        fake_setuid(&self->creds, 33);

        child = spawn_family(&release, &grandchild);
        check(child > 0 && grandchild > 0, "family spawned");
        p = proctable_get(t, grandchild);
        check(p && p->creds.ruid == 33 && p->creds.egid == 44, "a grandchild inherits across an unknown parent");
        self = proctable_get(t, getpid());
        fake_creds_root(&self->creds);
        p = proctable_get(t, grandchild);
        check(p && p->creds.ruid == 33, "a known process keeps its own model");
        p = proctable_get(t, child);
        check(p && p->creds.ruid == 0, "inheritance happens when first seen (the documented window)");
        check(proctable_size(t) == 3, "three processes known");
        check(proctable_find_inside(t, grandchild) == proctable_get(t, grandchild),
              "found by its id inside (here the pid namespace is ours)");
        check(proctable_find_inside(t, 1) == NULL, "an unknown id");

        close(release);
        waitpid(child, NULL, 0);
        talloc_free(t);
        return unit_exit();
}
