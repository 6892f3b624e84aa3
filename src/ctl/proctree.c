/* The ps-like process tree of a machine's leader for `uspawnctl status`: pids and command lines
 * of the leader and its descendants, read from /proc (children found through each process's
 * parent pid, so no /proc/PID/task/TID/children support is needed). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "ctl/ctl.h"
#include "util/fs.h"
#include "util/talloc-util.h"

struct proc {
        pid_t pid, ppid;
};

/* Every process's pid and parent, sorted by pid (so children print in start order, mostly). */
static size_t all_processes(void *ctx, struct proc **ret)
{
        struct proc *l = NULL;
        size_t n = 0;
        struct dirent *de;
        DIR *d = opendir("/proc");

        if (!d)
                return 0;
        while ((de = readdir(d))) {
                char *end;
                long pid = strtol(de->d_name, &end, 10);
                pid_t ppid;

                if (*end || pid <= 0 || ctl_parent_pid((pid_t)pid, &ppid) < 0)
                        continue;
                l = talloc_realloc(ctx, l, struct proc, n + 1);
                l[n++] = (struct proc){(pid_t)pid, ppid};
        }
        closedir(d);
        *ret = l;
        return n;
}

/* The command line with NULs as spaces, or [comm] for kernel threads and zombies. */
static void command_line(pid_t pid, char *buf, size_t size)
{
        char path[64];
        int n;

        snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
        n = read_small_file(path, buf, size);
        if (n > 0) {
                for (int i = 0; i < n - 1; i++)
                        if (buf[i] == '\0')
                                buf[i] = ' ';
                while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\0')) /* BusyBox init pads argv */
                        buf[--n] = '\0';
                if (n > 0)
                        return;
        }
        snprintf(path, sizeof path, "/proc/%d/comm", (int)pid);
        char comm[64];
        n = read_small_file(path, comm, sizeof comm);
        if (n > 0 && comm[n - 1] == '\n')
                comm[n - 1] = '\0';
        snprintf(buf, size, "[%s]", n > 0 ? comm : "?");
}

static void print_subtree(const struct proc *l, size_t n, pid_t pid, const char *prefix, int depth)
{
        char cmd[512];

        command_line(pid, cmd, sizeof cmd);
        printf("%s%*s%s%d %s\n", prefix, depth * 2, "", depth ? "`-" : "", (int)pid, cmd);
        for (size_t i = 0; i < n; i++)
                if (l[i].ppid == pid && l[i].pid != pid && depth < 64)
                        print_subtree(l, n, l[i].pid, prefix, depth + 1);
}

void ctl_print_process_tree(pid_t pid, const char *prefix)
{
        _cleanup_talloc_ void *ctx = talloc_new(NULL);
        struct proc *l = NULL;
        size_t n = all_processes(ctx, &l);

        print_subtree(l, n, pid, prefix, 0);
}
