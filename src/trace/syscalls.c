/* The x86_64 path-taking system calls, one row each (see syscalls.h). Every row here is also in
 * the trace backend's seccomp filter: a call the backend does not translate is listed with an
 * errno (ENOSYS when a later step may translate it), never passed through untouched. */
#include <errno.h>
#include <sys/syscall.h>

#include "trace/syscalls.h"
#include "util/macro.h"
#include "util/missing.h"

#if defined(__x86_64__)

/* P(path, dirfd, flags, follow): one path argument. The empty_ok/null_ok variants name the fd. */
#define P(p, d, f, fo) ((struct path_arg){.path = (p), .dirfd = (d), .flags = (f), .follow = (fo)})
#define PE(p, d, f, fo) ((struct path_arg){.path = (p), .dirfd = (d), .flags = (f), .follow = (fo), .empty_ok = true})
#define NONE ((struct path_arg){.path = NO_ARG, .dirfd = NO_ARG, .flags = NO_ARG})
/* extra designators (NOTIFY) may follow a row's arguments */
#define ROW(n, k, a0, a1, w, ...) {.nr = __NR_##n, .name = #n, .kind = (k), .arg = {a0, a1}, .writes = (w), \
                                   .open_flags = NO_ARG, .link_buf = NO_ARG, ##__VA_ARGS__}
#define PATH1(n, a0, w, ...) ROW(n, SC_PATH, a0, NONE, w, ##__VA_ARGS__)
#define PATH2(n, a0, a1) ROW(n, SC_PATH, a0, a1, true)
#define OPEN(n, a0, fl, ...) {.nr = __NR_##n, .name = #n, .kind = SC_PATH, .arg = {a0, NONE}, .open_flags = (fl), \
                              .link_buf = NO_ARG, ##__VA_ARGS__}
/* the supervisor answers it from a user notification where it can (trace/notify.c) */
#define NOTIFY .notify = true
#define LINK(n, a0, buf) {.nr = __NR_##n, .name = #n, .kind = SC_PATH, .arg = {a0, NONE}, .open_flags = NO_ARG, \
                          .link_buf = (buf)}
#define SOCKNAME(n, addr) {.nr = __NR_##n, .name = #n, .kind = SC_SOCKNAME, .arg = {NONE, NONE}, \
                           .open_flags = NO_ARG, .link_buf = (addr)}
#define ERR(n, e) {.nr = __NR_##n, .name = #n, .kind = SC_ERRNO, .arg = {NONE, NONE}, .open_flags = NO_ARG, \
                   .link_buf = NO_ARG, .err = (e)}
#define FAKEROOT(n) {.nr = __NR_##n, .name = #n, .kind = SC_FAKEROOT, .arg = {NONE, NONE}, .open_flags = NO_ARG, \
                     .link_buf = NO_ARG}
#define SPECIAL(n, k, a0) {.nr = __NR_##n, .name = #n, .kind = (k), .arg = {a0, NONE}, .open_flags = NO_ARG, \
                           .link_buf = NO_ARG}

const struct syscall_row syscall_table[] = {
        /* open family: follow and write intent come from the open flags */
        OPEN(open, P(0, NO_ARG, 1, FOLLOW_OPEN), 1, NOTIFY),
        OPEN(openat, P(1, 0, 2, FOLLOW_OPEN), 2, NOTIFY),
        SPECIAL(openat2, SC_OPENAT2, P(1, 0, NO_ARG, FOLLOW_OPEN)),
        PATH1(creat, P(0, NO_ARG, NO_ARG, FOLLOW), true),
        /* stat family */
        PATH1(stat, P(0, NO_ARG, NO_ARG, FOLLOW), false, NOTIFY),
        PATH1(lstat, P(0, NO_ARG, NO_ARG, NOFOLLOW), false, NOTIFY),
        PATH1(newfstatat, PE(1, 0, 3, FOLLOW_UNLESS), false, NOTIFY),
        PATH1(statx, PE(1, 0, 2, FOLLOW_UNLESS), false, NOTIFY),
        PATH1(statfs, P(0, NO_ARG, NO_ARG, FOLLOW), false),
        /* access */
        PATH1(access, P(0, NO_ARG, NO_ARG, FOLLOW), false, NOTIFY),
        PATH1(faccessat, P(1, 0, NO_ARG, FOLLOW), false, NOTIFY),
        PATH1(faccessat2, PE(1, 0, 3, FOLLOW_UNLESS), false, NOTIFY),
        /* links: the answer of a /proc magic link is a host path, rewritten at exit */
        LINK(readlink, P(0, NO_ARG, NO_ARG, NOFOLLOW), 1),
        LINK(readlinkat, PE(1, 0, NO_ARG, NOFOLLOW), 2),
        /* the working directory is the kernel's (the host path of the guest's); getcwd maps back */
        PATH1(chdir, P(0, NO_ARG, NO_ARG, FOLLOW), false),
        SPECIAL(getcwd, SC_GETCWD, NONE),
        /* creating and removing names */
        PATH1(mkdir, P(0, NO_ARG, NO_ARG, NOFOLLOW), true),
        PATH1(mkdirat, P(1, 0, NO_ARG, NOFOLLOW), true),
        PATH1(mknod, P(0, NO_ARG, NO_ARG, NOFOLLOW), true),
        PATH1(mknodat, P(1, 0, NO_ARG, NOFOLLOW), true),
        PATH2(rename, P(0, NO_ARG, NO_ARG, NOFOLLOW), P(1, NO_ARG, NO_ARG, NOFOLLOW)),
        PATH2(renameat, P(1, 0, NO_ARG, NOFOLLOW), P(3, 2, NO_ARG, NOFOLLOW)),
        PATH2(renameat2, P(1, 0, NO_ARG, NOFOLLOW), P(3, 2, NO_ARG, NOFOLLOW)),
        PATH2(link, P(0, NO_ARG, NO_ARG, NOFOLLOW), P(1, NO_ARG, NO_ARG, NOFOLLOW)),
        PATH2(linkat, PE(1, 0, 4, NOFOLLOW_UNLESS), P(3, 2, NO_ARG, NOFOLLOW)),
        /* the link's target (argument 0) is stored as the guest wrote it */
        PATH1(symlink, P(1, NO_ARG, NO_ARG, NOFOLLOW), true),
        PATH1(symlinkat, P(2, 1, NO_ARG, NOFOLLOW), true),
        PATH1(unlink, P(0, NO_ARG, NO_ARG, NOFOLLOW), true),
        PATH1(unlinkat, P(1, 0, NO_ARG, NOFOLLOW), true),
        PATH1(rmdir, P(0, NO_ARG, NO_ARG, NOFOLLOW), true),
        /* attributes */
        PATH1(chmod, P(0, NO_ARG, NO_ARG, FOLLOW), true),
        PATH1(fchmodat, P(1, 0, NO_ARG, FOLLOW), true),
        PATH1(fchmodat2, PE(1, 0, 3, FOLLOW_UNLESS), true),
        PATH1(chown, P(0, NO_ARG, NO_ARG, FOLLOW), true),
        PATH1(lchown, P(0, NO_ARG, NO_ARG, NOFOLLOW), true),
        PATH1(fchownat, PE(1, 0, 4, FOLLOW_UNLESS), true),
        PATH1(utime, P(0, NO_ARG, NO_ARG, FOLLOW), true),
        PATH1(utimes, P(0, NO_ARG, NO_ARG, FOLLOW), true),
        PATH1(futimesat, P(1, 0, NO_ARG, FOLLOW), true),
        ROW(utimensat, SC_PATH, ((struct path_arg){.path = 1, .dirfd = 0, .flags = 3, .follow = FOLLOW_UNLESS,
                                                   .empty_ok = true, .null_ok = true}),
            NONE, true),
        PATH1(truncate, P(0, NO_ARG, NO_ARG, FOLLOW), true),
        /* extended attributes */
        PATH1(setxattr, P(0, NO_ARG, NO_ARG, FOLLOW), true),
        PATH1(lsetxattr, P(0, NO_ARG, NO_ARG, NOFOLLOW), true),
        PATH1(getxattr, P(0, NO_ARG, NO_ARG, FOLLOW), false),
        PATH1(lgetxattr, P(0, NO_ARG, NO_ARG, NOFOLLOW), false),
        PATH1(listxattr, P(0, NO_ARG, NO_ARG, FOLLOW), false),
        PATH1(llistxattr, P(0, NO_ARG, NO_ARG, NOFOLLOW), false),
        PATH1(removexattr, P(0, NO_ARG, NO_ARG, FOLLOW), true),
        PATH1(lremovexattr, P(0, NO_ARG, NO_ARG, NOFOLLOW), true),
        PATH1(setxattrat, PE(1, 0, 2, FOLLOW_UNLESS), true),
        PATH1(getxattrat, PE(1, 0, 2, FOLLOW_UNLESS), false),
        PATH1(listxattrat, PE(1, 0, 2, FOLLOW_UNLESS), false),
        PATH1(removexattrat, PE(1, 0, 2, FOLLOW_UNLESS), true),
        /* watching and handles */
        PATH1(inotify_add_watch, P(1, NO_ARG, 2, FOLLOW_INOTIFY), false),
        PATH1(fanotify_mark, P(4, 3, 1, FOLLOW_FANOTIFY), false),
        PATH1(name_to_handle_at, PE(1, 0, 4, NOFOLLOW_UNLESS), false),
        /* a handle names any file of the file system, inside the root or not; the kernel
         * refuses it without CAP_DAC_READ_SEARCH anyway */
        ERR(open_by_handle_at, EPERM),
        /* programs */
        SPECIAL(execve, SC_EXEC, P(0, NO_ARG, NO_ARG, FOLLOW)),
        ROW(execveat, SC_EXEC, PE(1, 0, 4, FOLLOW_UNLESS), NONE, false),
        PATH1(uselib, P(0, NO_ARG, NO_ARG, FOLLOW), false),
        PATH1(acct, P(0, NO_ARG, NO_ARG, FOLLOW), true),
        PATH1(swapon, P(0, NO_ARG, NO_ARG, FOLLOW), true),
        PATH1(swapoff, P(0, NO_ARG, NO_ARG, FOLLOW), true),
        /* AF_UNIX socket paths */
        SPECIAL(bind, SC_SOCKADDR, NONE),
        SPECIAL(connect, SC_SOCKADDR, NONE),
        SPECIAL(sendto, SC_SOCKADDR, NONE),
        SPECIAL(sendmsg, SC_SOCKADDR, NONE),
        /* ... and the addresses the kernel answers with, which name host paths */
        SOCKNAME(getsockname, 1),
        SOCKNAME(getpeername, 1),
        SOCKNAME(accept, 1),
        SOCKNAME(accept4, 1),
        SOCKNAME(recvfrom, 4),
        /* mounts and root changes: what the kernel answers a process without privileges (no user
         * namespace here); chroot emulation belongs to the fake-root step */
        ERR(chroot, EPERM),
        ERR(pivot_root, EPERM),
        ERR(mount, EPERM),
        ERR(umount2, EPERM),
        ERR(open_tree, EPERM),
        ERR(open_tree_attr, EPERM),
        ERR(move_mount, EPERM),
        ERR(fsopen, EPERM),
        ERR(fsconfig, EPERM),
        ERR(fsmount, EPERM),
        ERR(fspick, EPERM),
        ERR(mount_setattr, EPERM),
        ERR(quotactl, EPERM),
        /* no UTS namespace: the host name the guest sees and sets is the tracer's (trace/uts.c) */
        SPECIAL(uname, SC_UTS, NONE),
        SPECIAL(sethostname, SC_UTS, NONE),
        SPECIAL(setdomainname, SC_UTS, NONE),
        /* not understood yet: ENOSYS, programs fall back (io_uring opens files behind our back) */
        ERR(io_uring_setup, ENOSYS),
        ERR(io_uring_enter, ENOSYS),
        ERR(io_uring_register, ENOSYS),
        ERR(sendmmsg, ENOSYS),
        ERR(file_getattr, ENOSYS),
        ERR(file_setattr, ENOSYS),
        /* fake root only (trace/fakeroot.c): ids, the model's answers and changes; fstat and
         * fchown and fchmod of what a descriptor names */
        FAKEROOT(getuid), FAKEROOT(geteuid), FAKEROOT(getgid), FAKEROOT(getegid),
        FAKEROOT(getresuid), FAKEROOT(getresgid), FAKEROOT(getgroups),
        FAKEROOT(setuid), FAKEROOT(setgid), FAKEROOT(setreuid), FAKEROOT(setregid),
        FAKEROOT(setresuid), FAKEROOT(setresgid), FAKEROOT(setfsuid), FAKEROOT(setfsgid),
        FAKEROOT(setgroups), FAKEROOT(capset), FAKEROOT(fstat), FAKEROOT(fchown),
        FAKEROOT(fchmod),
};
const size_t syscall_table_size = ELEMENTSOF(syscall_table);

#else
const struct syscall_row syscall_table[] = {{.nr = -1}};
const size_t syscall_table_size = 0;
#endif

const struct syscall_row *syscall_row_find(long nr)
{
        for (size_t i = 0; i < syscall_table_size; i++)
                if (syscall_table[i].nr == nr)
                        return &syscall_table[i];
        return NULL;
}
