/* The x86_64 system calls that name paths, as facts: which argument is a path, which is its
 * directory fd, which holds the flags that decide whether a final symlink is followed, whether the
 * call writes (read-only binds), and what must happen at the exit stop. The seccomp filter of the
 * trace backend is built from this same table (seccomp/trace-set.c), so the two cannot drift. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum syscall_kind {
        SC_PATH,     /* translate the path arguments, then let the kernel do the call */
        SC_EXEC,     /* execve/execveat: path, interpreter, #! (exec.c) */
        SC_OPENAT2,  /* the path, and RESOLVE_* of struct open_how against the guest root */
        SC_SOCKADDR, /* bind/connect/sendto: an AF_UNIX path inside struct sockaddr_un */
        SC_GETCWD,   /* the kernel's answer is a host path: rewrite it at exit */
        SC_SOCKNAME, /* an AF_UNIX address returned (getsockname, accept, recvfrom): map it back */
        SC_ERRNO,    /* fail with the row's errno: unsupported here, or what the kernel says to a
                        process without privileges */
        SC_FAKEROOT, /* no path: stops only under fake root (trace/fakeroot.c answers it) */
        SC_UTS,      /* uname, sethostname, setdomainname: the emulated host name (trace/uts.c) */
};

/* When is the final component followed if it is a symbolic link? */
enum follow_rule {
        FOLLOW,          /* always (stat, chdir, execve) */
        NOFOLLOW,        /* never (lstat, unlink, readlink, mkdir) */
        FOLLOW_UNLESS,   /* unless flags & AT_SYMLINK_NOFOLLOW (fstatat, fchownat) */
        NOFOLLOW_UNLESS, /* only with flags & AT_SYMLINK_FOLLOW (linkat, name_to_handle_at) */
        FOLLOW_OPEN,     /* open flags: not with O_NOFOLLOW or O_CREAT|O_EXCL */
        FOLLOW_INOTIFY,  /* unless mask & IN_DONT_FOLLOW */
        FOLLOW_FANOTIFY, /* unless flags & FAN_MARK_DONT_FOLLOW */
};

#define NO_ARG (-1)

struct path_arg {
        int8_t path;  /* argument index of the path, NO_ARG when the row has no (second) path */
        int8_t dirfd; /* argument index of its directory fd, NO_ARG: relative to the cwd */
        int8_t flags; /* argument index of the flags the follow rule reads, or NO_ARG */
        uint8_t follow;
        bool empty_ok; /* an empty path names dirfd itself when flags has AT_EMPTY_PATH */
        bool null_ok;  /* a NULL path names dirfd itself (utimensat) */
};

struct syscall_row {
        int nr;
        const char *name;
        enum syscall_kind kind;
        struct path_arg arg[2];
        bool writes;      /* modifies the file system: EROFS under a read-only bind */
        int8_t open_flags; /* argument index of open(2) flags (writes when they ask to), or NO_ARG */
        int8_t link_buf;   /* readlink: argument index of the buffer (size follows), or NO_ARG;
                              SC_SOCKNAME: of the address (its length pointer follows) */
        int err;           /* SC_ERRNO */
        bool notify;       /* answered by the supervisor from a user notification where the kernel
                              has them (trace/notify.c); opens only when they create nothing */
};

/* Set by the tracer in the (int) open flags register of an open the notification side handed
 * back (trace/notify.c): the filter then stops it for the tracer instead. The kernel reads only
 * the low 32 bits. */
#define TRACE_HANDOVER_MARKER (1ULL << 40)

extern const struct syscall_row syscall_table[];
extern const size_t syscall_table_size;

/* The row for nr, or NULL. */
const struct syscall_row *syscall_row_find(long nr);
