/* The system calls the root emulation answers, as a table (DESIGN.md §3.8): the seccomp filter
 * stops exactly these (an O_CREAT filter on the open calls' flags), and the server dispatches
 * on it. Native x86-64 numbers: i386 and x32 programs are not emulated. */
#pragma once

#include <linux/seccomp.h>
#include <stdbool.h>
#include <stdint.h>

#include "fakeroot/proctable.h"

struct fakeroot_server;

/* What a handler decided. */
enum call_outcome {
        CALL_RETURN,   /* the call returns val (or -error) without running */
        CALL_CONTINUE, /* let the kernel run the call as it is */
        CALL_SENT,     /* the handler answered itself (SECCOMP_ADDFD_FLAG_SEND) */
};

struct call {
        struct fakeroot_server *server;
        const struct seccomp_notif *req;
        int listener;
        pid_t pid; /* the calling thread, in the supervisor's pid namespace */
        struct fake_proc *proc;
        struct proctable *server_procs; /* every known process (for /proc/PID/status) */
        int64_t val;
        int error;
};

typedef enum call_outcome (*call_handler)(struct call *c);

struct call_row {
        int nr;
        call_handler handler;
        /* index of an open flags argument, or -1: then only creating opens and plain
         * read-only ones (O_RDONLY with at most O_CLOEXEC, O_LARGEFILE, O_NOCTTY: how cat, grep,
         * fopen "r" and procps open /proc/self/status) stop; tar's and find's opens
         * (O_NOFOLLOW, O_DIRECTORY, O_NONBLOCK) do not */
        int flags_arg;
};

extern const struct call_row fakeroot_calls[];
extern const unsigned fakeroot_n_calls;

/* Handlers, by family. */
enum call_outcome call_getid(struct call *c);
enum call_outcome call_getresid(struct call *c);
enum call_outcome call_getgroups(struct call *c);
enum call_outcome call_setid(struct call *c);
enum call_outcome call_setgroups(struct call *c);
enum call_outcome call_stat(struct call *c);
enum call_outcome call_chown(struct call *c);
enum call_outcome call_chmod(struct call *c);
enum call_outcome call_mknod(struct call *c);
enum call_outcome call_create(struct call *c);
enum call_outcome call_open(struct call *c);
enum call_outcome call_mkdir(struct call *c);
enum call_outcome call_exec(struct call *c);

/* Helpers the handlers share. */
static inline enum call_outcome call_return(struct call *c, int64_t val)
{
        if (val < 0)
                c->error = (int)val;
        else
                c->val = val;
        return CALL_RETURN;
}

/* Whether the notification is still pending (the caller was not killed, its pid not reused):
 * ask after reading from the process and before acting on what was read. */
bool call_still_valid(const struct call *c);

/* Tell the supervisor once that ownership cannot be recorded on some file system. */
void fakeroot_warn_no_xattr(struct fakeroot_server *s, int error);
