/* /proc/self/status as the emulated ids say: a process whose model is not root's and opens
 * its own status file (self, thread-self, or its own pid) gets a memfd holding the kernel's
 * text with the Uid:, Gid: and Groups: lines rewritten. Every other open runs in the kernel. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fakeroot/calls.h"
#include "fakeroot/tracee.h"
#include "util/fs.h"
#include "util/macro.h"
#include "util/missing.h"

/* The caller's pid and tid as it sees them: the last NSpid: field of its status (a thread's
 * own id; its process's id inside is not in the file, so /proc/PID/status is matched by the
 * thread id, which is the process id for the main thread). */
static void inside_ids(const char *status, long *pid, long *tid)
{
        const char *p = strstr(status, "\nNSpid:"), *end, *last;

        *pid = *tid = -1;
        if (!p)
                return;
        end = strchr(p + 1, '\n');
        last = p + 7;
        for (const char *q = p + 7; *q && (!end || q < end); q++)
                if (*q == '\t' || *q == ' ')
                        last = q + 1;
        *pid = *tid = strtol(last, NULL, 10);
}

/* Whether path names the caller's own status file. */
static bool own_status(const char *path, long pid, long tid)
{
        char a[64], b[64];

        if (streq(path, "/proc/self/status") || streq(path, "/proc/thread-self/status"))
                return true;
        snprintf(a, sizeof a, "/proc/%ld/status", pid);
        snprintf(b, sizeof b, "/proc/self/task/%ld/status", tid);
        return streq(path, a) || streq(path, b);
}

static void put_ids(FILE *f, const char *name, uint32_t r, uint32_t e, uint32_t s, uint32_t fs)
{
        fprintf(f, "%s\t%u\t%u\t%u\t%u\n", name, r, e, s, fs);
}

/* Copy status to fd with the id lines replaced by the model's. */
static int rewrite(const char *status, const struct fake_creds *k, int fd)
{
        FILE *f = fdopen(dup(fd), "w");

        if (!f)
                return -errno;
        for (const char *line = status; *line;) {
                const char *nl = strchr(line, '\n');
                size_t len = nl ? (size_t)(nl - line + 1) : strlen(line);

                if (startswith(line, "Uid:"))
                        put_ids(f, "Uid:", k->ruid, k->euid, k->suid, k->fsuid);
                else if (startswith(line, "Gid:"))
                        put_ids(f, "Gid:", k->rgid, k->egid, k->sgid, k->fsgid);
                else if (startswith(line, "Groups:")) {
                        fputs("Groups:\t", f);
                        for (uint32_t i = 0; i < k->ngroups; i++)
                                fprintf(f, "%u ", k->groups[i]);
                        fputc('\n', f);
                } else
                        fwrite(line, 1, len, f);
                line += len;
        }
        return fclose(f) == 0 ? 0 : -EIO;
}

enum call_outcome call_open(struct call *c)
{
        int nr = c->req->data.nr;
        int flags = (int)c->req->data.args[nr == SYS_openat ? 2 : 1];
        char path[64], proc[64], status[8192];
        long pid, tid;
        _cleanup_close_ int fd = -EBADF;

        if (flags & O_CREAT)
                return call_create(c);
        if (fake_creds_is_root(&c->proc->creds) || (flags & O_ACCMODE) != O_RDONLY)
                return CALL_CONTINUE;
        if (tracee_read_string(c->pid, c->req->data.args[nr == SYS_openat ? 1 : 0], path, sizeof path) < 0 ||
            !startswith(path, "/proc/"))
                return CALL_CONTINUE;
        snprintf(proc, sizeof proc, "/proc/%d/status", (int)c->pid);
        if (read_small_file(proc, status, sizeof status) < 0)
                return CALL_CONTINUE;
        inside_ids(status, &pid, &tid);
        if (!own_status(path, pid, tid))
                return CALL_CONTINUE;
        fd = memfd_create("status", MFD_CLOEXEC);
        if (fd < 0 || rewrite(status, &c->proc->creds, fd) < 0 || lseek(fd, 0, SEEK_SET) < 0)
                return CALL_CONTINUE;
        struct seccomp_notif_addfd add = {
                .id = c->req->id,
                .flags = SECCOMP_ADDFD_FLAG_SEND,
                .srcfd = (uint32_t)fd,
                .newfd_flags = (flags & O_CLOEXEC) ? O_CLOEXEC : 0,
        };
        if (ioctl(c->listener, SECCOMP_IOCTL_NOTIF_ADDFD, &add) < 0)
                return call_return(c, -errno);
        return CALL_SENT;
}
