/* The exit half of a translated call: put back the argument registers the entry half pointed at
 * host paths (the syscall ABI promises the caller they survive), set the result of a refused call,
 * and turn the host paths the kernel answered (getcwd, readlink of /proc links) into guest paths. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <talloc.h>
#include <unistd.h>

#include "trace/path.h"
#include "trace/regs.h"
#include "trace/trace.h"
#include "util/macro.h"

/* Write answer (not NUL-terminated, as readlink) into the guest's buffer; returns the new result. */
static long answer_link(struct tracee *t, uint64_t buf, uint64_t size, const char *answer)
{
        size_t len = strlen(answer);

        if (len > size)
                len = size;
        if (tracee_poke(t->tid, buf, answer, len) < 0)
                return -EFAULT;
        return (long)len;
}

/* The kernel's answer may be cut to the guest's buffer: read the whole link here, then map it. */
static long leave_readlink(struct tracer *tr, struct tracee *t, long result)
{
        uint64_t buf = *syscall_arg(&t->saved, t->row->link_buf);
        uint64_t size = *syscall_arg(&t->saved, t->row->link_buf + 1);
        char host[PATH_MAX], *guest;
        ssize_t k;

        long n;

        if (result <= 0)
                return result;
        if (t->proc_link_exe)
                n = answer_link(t, buf, size, t->proc_link_exe);
        else {
                if (tracee_peek(t->tid, buf, host, 1) < 0 || host[0] != '/' || !t->proc_link_host)
                        return result; /* pipe:[..], socket:[..], a pid */
                k = readlink(t->proc_link_host, host, sizeof host - 1);
                if (k <= 0)
                        return result;
                host[k] = '\0';
                guest = path_to_guest(t->scratch, tr->paths, host);
                if (!guest)
                        return result;
                n = answer_link(t, buf, size, guest);
        }
        /* a shorter answer: the rest of the host path the kernel wrote is not the guest's to see */
        if (n >= 0 && n < result) {
                char zero[256] = {};
                for (long at = n; at < result; at += (long)sizeof zero)
                        (void)tracee_poke(t->tid, buf + (uint64_t)at, zero,
                                          (size_t)(result - at < (long)sizeof zero ? result - at : (long)sizeof zero));
        }
        return n;
}

static long leave_getcwd(struct tracer *tr, struct tracee *t, long result)
{
        uint64_t buf = *syscall_arg(&t->saved, 0), size = *syscall_arg(&t->saved, 1);
        char *guest = NULL;
        size_t len;

        if (result <= 0 || guest_dir(t->scratch, tr, t, AT_FDCWD, &guest) < 0)
                return result;
        len = strlen(guest) + 1;
        if (len > size)
                return -ERANGE;
        if (tracee_poke(t->tid, buf, guest, len) < 0)
                return -EFAULT;
        return (long)len;
}

/* An AF_UNIX address the kernel answered names a host path: the guest's path instead. */
static void leave_sockname(struct tracer *tr, struct tracee *t)
{
        uint64_t addr = *syscall_arg(&t->saved, t->row->link_buf), lenp = *syscall_arg(&t->saved, t->row->link_buf + 1);
        const size_t off = offsetof(struct sockaddr_un, sun_path);
        struct sockaddr_un sun = {};
        socklen_t len;
        char *guest;

        if (tracee_peek(t->tid, lenp, &len, sizeof len) < 0 || len <= off + 1 || len > sizeof sun ||
            tracee_peek(t->tid, addr, &sun, len < t->addr_room ? len : t->addr_room) < 0)
                return;
        if (sun.sun_family != AF_UNIX || sun.sun_path[0] != '/')
                return; /* unnamed, abstract, or not AF_UNIX */
        sun.sun_path[sizeof sun.sun_path - 1] = '\0';
        guest = path_to_guest(t->scratch, tr->paths, sun.sun_path);
        if (!guest || strlen(guest) >= sizeof sun.sun_path)
                return;
        memset(sun.sun_path, 0, sizeof sun.sun_path);
        strcpy(sun.sun_path, guest);
        len = (socklen_t)(off + strlen(guest) + 1);
        (void)tracee_poke(t->tid, addr, &sun, len < t->addr_room ? len : t->addr_room);
        (void)tracee_poke(t->tid, lenp, &len, sizeof len);
}

/* A read-only bind is a read-only mount to statfs: ST_RDONLY in f_flags. */
static long leave_statfs_ro(struct tracee *t)
{
        uint64_t at = *syscall_arg(&t->saved, 1) + offsetof(struct statfs, f_flags);
        __fsword_t flags;

        if (tracee_peek(t->tid, at, &flags, sizeof flags) < 0)
                return 0;
        flags |= ST_RDONLY;
        (void)tracee_poke(t->tid, at, &flags, sizeof flags);
        return 0;
}

void syscall_leave(struct tracer *tr, struct tracee *t, struct user_regs_struct *regs)
{
        long result = (long)regs->rax;

        if (t->exec_done) {
                t->exec_done = false; /* a new program: its registers are its own */
                return;
        }
        for (int i = 0; i < 6; i++)
                *syscall_arg(regs, i) = *syscall_arg(&t->saved, i);
        if (t->deny)
                result = -t->deny;
        else if (t->answered)
                result = t->answer;
        else if (t->row && t->row->kind == SC_GETCWD)
                result = leave_getcwd(tr, t, result);
        else if (t->row && t->row->link_buf != NO_ARG && t->proc_link)
                result = leave_readlink(tr, t, result);
        else if (t->statfs_ro && result == 0)
                result = leave_statfs_ro(t);
        else if (t->row && t->row->kind == SC_SOCKNAME && result >= 0)
                leave_sockname(tr, t);
        if (t->fr_exit != FR_NONE && !t->deny && !t->answered)
                fakeroot_leave(tr, t, result);
        regs->rax = (uint64_t)result;
        TALLOC_FREE(t->proc_link_exe);
        TALLOC_FREE(t->proc_link_host);
        (void)tracee_set_regs(t->tid, regs);
}
