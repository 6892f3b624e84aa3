/* probe — static in-sandbox probe: answers "what does this return in here" with one line per
 * question, so integration cases can compare strings. Every syscall is issued with arguments
 * that make it harmless even on a host as root (nonexistent paths, invalid magic, zero lengths).
 * Exit status: 0 when the question was answered (whatever the answer), 2 on usage errors. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/keyctl.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <linux/reboot.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/quota.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/time.h>
#include <sys/xattr.h>
#include <sys/wait.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <poll.h>
#include <pthread.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define NOPATH "/nonexistent-uspawn-probe"
#define UNUSED __attribute__((unused)) /* every subcommand has the same signature */

static const char *errname(int e)
{
        static char buf[16];
        const char *n = strerrorname_np(e);
        if (n)
                return n;
        snprintf(buf, sizeof buf, "E%d", e);
        return buf;
}

/* Print "ok" for r >= 0, else the errno name; closes r when it is an fd the call created. */
static int report(long r, int is_fd)
{
        if (r < 0)
                return puts(errname(errno)), 0;
        if (is_fd)
                close((int)r);
        return puts("ok"), 0;
}

/* ---- syscall table: each returns the raw result (-1 + errno on failure) ---- */

static long s_kexec_load(void)
{
        return syscall(SYS_kexec_load, 0UL, 0UL, NULL, 0xdead0000UL);
}
#ifdef SYS_kexec_file_load
static long s_kexec_file_load(void)
{
        return syscall(SYS_kexec_file_load, -1, -1, 0UL, NULL, 0xdead0000UL);
}
#endif
static long s_init_module(void)
{
        return syscall(SYS_init_module, NULL, 0UL, "");
}
static long s_finit_module(void)
{
        return syscall(SYS_finit_module, -1, "", 0);
}
static long s_delete_module(void)
{
        return syscall(SYS_delete_module, "uspawn_probe_nonexistent", O_NONBLOCK);
}
static long s_swapon(void)
{
        return syscall(SYS_swapon, NOPATH, 0);
}
static long s_swapoff(void)
{
        return syscall(SYS_swapoff, NOPATH);
}
/* create=0: only looks the keyring up, never makes one */
static long s_keyctl(void)
{
        return syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0);
}
static long s_add_key(void)
{
        return syscall(SYS_add_key, "uspawn-probe-bogus-type", "x", NULL, 0UL, KEY_SPEC_THREAD_KEYRING);
}
static long s_request_key(void)
{
        return syscall(SYS_request_key, "uspawn-probe-bogus-type", "x", NULL, 0);
}
static long s_bpf(void)
{
        return syscall(SYS_bpf, 0 /* BPF_MAP_CREATE */, NULL, 0);
}
static long s_perf_event_open(void)
{
        return syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0UL);
}
static long s_acct(void)
{
        return syscall(SYS_acct, NOPATH);
}
#ifdef SYS_iopl
static long s_iopl(void)
{
        return syscall(SYS_iopl, 0);
} /* level 0 = what we already have */
static long s_ioperm(void)
{
        return syscall(SYS_ioperm, 0UL, 0UL, 0);
}
#endif
static long s_quotactl(void)
{
        unsigned int fmt;
        return syscall(SYS_quotactl, QCMD(Q_GETFMT, USRQUOTA), NOPATH, 0, &fmt);
}
static long s_settimeofday(void)
{
        return syscall(SYS_settimeofday, NULL, NULL);
} /* sets nothing */
static long s_clock_settime(void)
{
        struct timespec ts = {.tv_sec = 0, .tv_nsec = -1}; /* invalid: EINVAL if it gets through */
        return syscall(SYS_clock_settime, CLOCK_REALTIME, &ts);
}
static long s_adjtimex(void)
{
        char tx[256] = {0}; /* struct timex with modes=0: a read */
        return syscall(SYS_adjtimex, tx);
}
static long s_clock_adjtime(void)
{
        char tx[256] = {0};
        return syscall(SYS_clock_adjtime, CLOCK_REALTIME, tx);
}
static long s_syslog(void)
{
        return syscall(SYS_syslog, 10 /* SIZE_BUFFER */, NULL, 0);
}
#ifdef SYS_uselib
static long s_uselib(void)
{
        return syscall(SYS_uselib, NOPATH);
}
#endif
static long s_userfaultfd(void)
{
        return syscall(SYS_userfaultfd, O_CLOEXEC);
}
static long s_open_by_handle_at(void)
{
        return syscall(SYS_open_by_handle_at, AT_FDCWD, NULL, 0);
}
#ifdef SYS_lookup_dcookie
static long s_lookup_dcookie(void)
{
        return syscall(SYS_lookup_dcookie, 0ULL, NULL, 0UL);
}
#endif
#ifdef SYS_nfsservctl
static long s_nfsservctl(void)
{
        return syscall(SYS_nfsservctl, 0, NULL, NULL);
}
#endif
/* vhangup hangs up the controlling terminal: run it in a child that has none (setsid first). */
static long s_vhangup(void)
{
        int st;
        pid_t p = fork();
        if (p < 0)
                return -1;
        if (p == 0) {
                setsid();
                _exit(syscall(SYS_vhangup) < 0 ? errno : 0);
        }
        if (waitpid(p, &st, 0) < 0)
                return -1;
        if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
                return 0;
        errno = WIFEXITED(st) ? WEXITSTATUS(st) : EINTR;
        return -1;
}
static long s_reboot(void)
{
        return syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, 0, LINUX_REBOOT_CMD_CAD_ON, NULL);
} /* bad magic2 */
static long s_mount(void)
{
        return syscall(SYS_mount, "none", NOPATH, "tmpfs", 0UL, NULL);
}
static long s_umount2(void)
{
        return syscall(SYS_umount2, NOPATH, 0);
}
static long s_pivot_root(void)
{
        return syscall(SYS_pivot_root, NOPATH, NOPATH);
}
static long s_unshare(void)
{
        return syscall(SYS_unshare, CLONE_NEWUSER);
} /* can we nest? */
static long s_setns(void)
{
        return syscall(SYS_setns, -1, 0);
}
static long s_chroot(void)
{
        return syscall(SYS_chroot, "/");
}
static long s_personality(void)
{
        return syscall(SYS_personality, 0xffffffffUL);
} /* query */
static long s_ptrace(void)
{
        return syscall(SYS_ptrace, PTRACE_PEEKUSER, getpid(), 0UL, 0UL);
}
static long s_getpid(void)
{
        return syscall(SYS_getpid);
}
static long s_sethostname(void)
{
        char h[256] = {0};
        if (gethostname(h, sizeof h - 1) < 0)
                return -1;
        return syscall(SYS_sethostname, h, strlen(h)); /* same name again */
}
static long s_setdomainname(void)
{
        char d[256] = {0};
        if (getdomainname(d, sizeof d - 1) < 0)
                return -1;
        return syscall(SYS_setdomainname, d, strlen(d));
}
static long s_fanotify_init(void)
{
        return syscall(SYS_fanotify_init, 0U, (unsigned)O_RDONLY);
}
static long s_io_uring_setup(void)
{
        return syscall(SYS_io_uring_setup, 0U, NULL);
}
static long s_mknodat(void)
{
        return syscall(SYS_mknodat, AT_FDCWD, NOPATH "/x", S_IFCHR | 0600, makedev(1, 3));
}

static const struct {
        const char *name;
        long (*fn)(void);
        int is_fd;
} syscalls[] = {
        {"kexec_load", s_kexec_load, 0},
#ifdef SYS_kexec_file_load
        {"kexec_file_load", s_kexec_file_load, 0},
#endif
        {"init_module", s_init_module, 0},
        {"finit_module", s_finit_module, 0},
        {"delete_module", s_delete_module, 0},
        {"swapon", s_swapon, 0},
        {"swapoff", s_swapoff, 0},
        {"keyctl", s_keyctl, 0},
        {"add_key", s_add_key, 0},
        {"request_key", s_request_key, 0},
        {"bpf", s_bpf, 1},
        {"perf_event_open", s_perf_event_open, 1},
        {"acct", s_acct, 0},
#ifdef SYS_iopl
        {"iopl", s_iopl, 0},
        {"ioperm", s_ioperm, 0},
#endif
        {"quotactl", s_quotactl, 0},
        {"settimeofday", s_settimeofday, 0},
        {"clock_settime", s_clock_settime, 0},
        {"adjtimex", s_adjtimex, 0},
        {"clock_adjtime", s_clock_adjtime, 0},
        {"syslog", s_syslog, 0},
#ifdef SYS_uselib
        {"uselib", s_uselib, 0},
#endif
        {"userfaultfd", s_userfaultfd, 1},
        {"open_by_handle_at", s_open_by_handle_at, 1},
#ifdef SYS_lookup_dcookie
        {"lookup_dcookie", s_lookup_dcookie, 0},
#endif
#ifdef SYS_nfsservctl
        {"nfsservctl", s_nfsservctl, 0},
#endif
        {"vhangup", s_vhangup, 0},
        {"reboot", s_reboot, 0},
        {"mount", s_mount, 0},
        {"umount2", s_umount2, 0},
        {"pivot_root", s_pivot_root, 0},
        {"unshare", s_unshare, 0},
        {"setns", s_setns, 0},
        {"chroot", s_chroot, 0},
        {"personality", s_personality, 0},
        {"ptrace", s_ptrace, 0},
        {"getpid", s_getpid, 0},
        {"sethostname", s_sethostname, 0},
        {"setdomainname", s_setdomainname, 0},
        {"fanotify_init", s_fanotify_init, 1},
        {"io_uring_setup", s_io_uring_setup, 1},
        {"mknodat", s_mknodat, 0},
};

static int cmd_syscall(char **argv)
{
        for (size_t i = 0; i < sizeof syscalls / sizeof *syscalls; i++)
                if (strcmp(argv[0], syscalls[i].name) == 0) {
                        errno = 0;
                        return report(syscalls[i].fn(), syscalls[i].is_fd);
                }
        fprintf(stderr, "probe: unknown syscall %s\n", argv[0]);
        return 2;
}

/* TIOCSTI pushes a byte into the terminal's input queue: on success flush it back out so an
 * interactive shell never sees it. */
static int cmd_tiocsti(char **argv UNUSED)
{
        int fd = 0, opened = -1;
        if (!isatty(0)) {
                opened = fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
                if (fd < 0)
                        return puts(errname(errno)), 0;
        }
        char c = '\a';
        int r = ioctl(fd, TIOCSTI, &c), e = errno;
        if (r == 0)
                tcflush(fd, TCIFLUSH);
        if (opened >= 0)
                close(opened);
        errno = e;
        return report(r, 0);
}

/* TIOCLINUX with the read-only subcode TIOCL_GETKMSGREDIRECT (17) on fd 0 (or /dev/null when fd 0
 * is closed): on anything but a VT the kernel answers ENOTTY/EINVAL, a filter EPERM. */
static int cmd_tioclinux(char **argv UNUSED)
{
        char arg[8] = {17};
        int fd = fcntl(0, F_GETFD) < 0 ? open("/dev/null", O_RDONLY | O_CLOEXEC) : 0;
        int r = ioctl(fd, TIOCLINUX, arg), e = errno;
        if (fd > 0)
                close(fd);
        errno = e;
        return report(r, 0);
}

/* Value of a "Key:\tvalue" line of /proc/self/status, or NULL. */
static const char *status_field(const char *key)
{
        static char line[512];
        FILE *f = fopen("/proc/self/status", "re");
        size_t n = strlen(key);
        if (!f)
                return NULL;
        while (fgets(line, sizeof line, f))
                if (strncmp(line, key, n) == 0 && line[n] == ':') {
                        fclose(f);
                        line[strcspn(line, "\n")] = 0;
                        return line + n + 1 + strspn(line + n + 1, " \t");
                }
        fclose(f);
        return NULL;
}

static const char *const capnames[] = {
        "CHOWN",
        "DAC_OVERRIDE",
        "DAC_READ_SEARCH",
        "FOWNER",
        "FSETID",
        "KILL",
        "SETGID",
        "SETUID",
        "SETPCAP",
        "LINUX_IMMUTABLE",
        "NET_BIND_SERVICE",
        "NET_BROADCAST",
        "NET_ADMIN",
        "NET_RAW",
        "IPC_LOCK",
        "IPC_OWNER",
        "SYS_MODULE",
        "SYS_RAWIO",
        "SYS_CHROOT",
        "SYS_PTRACE",
        "SYS_PACCT",
        "SYS_ADMIN",
        "SYS_BOOT",
        "SYS_NICE",
        "SYS_RESOURCE",
        "SYS_TIME",
        "SYS_TTY_CONFIG",
        "MKNOD",
        "LEASE",
        "AUDIT_WRITE",
        "AUDIT_CONTROL",
        "SETFCAP",
        "MAC_OVERRIDE",
        "MAC_ADMIN",
        "SYSLOG",
        "WAKE_ALARM",
        "BLOCK_SUSPEND",
        "AUDIT_READ",
        "PERFMON",
        "BPF",
        "CHECKPOINT_RESTORE",
};

/* caps            -> "bnd=HEX eff=HEX prm=HEX inh=HEX amb=HEX"
 * caps bnd|eff|.. -> that set as names, comma-separated, in capability order ("none" if empty) */
static int cmd_caps(char **argv)
{
        static const char *const keys[][2] = {
                {"bnd", "CapBnd"}, {"eff", "CapEff"}, {"prm", "CapPrm"}, {"inh", "CapInh"}, {"amb", "CapAmb"},
        };
        for (size_t i = 0; i < 5; i++) {
                const char *v = status_field(keys[i][1]);
                if (!argv[0]) {
                        printf("%s%s=%s", i ? " " : "", keys[i][0], v ? v : "?");
                        continue;
                }
                if (strcmp(argv[0], keys[i][0]) != 0)
                        continue;
                unsigned long long m = v ? strtoull(v, NULL, 16) : 0;
                int first = 1;
                for (unsigned b = 0; b < 64; b++)
                        if (m & (1ULL << b)) {
                                if (b < sizeof capnames / sizeof *capnames)
                                        printf("%s%s", first ? "" : ",", capnames[b]);
                                else
                                        printf("%s%u", first ? "" : ",", b);
                                first = 0;
                        }
                puts(first ? "none" : "");
                return 0;
        }
        if (argv[0])
                return fprintf(stderr, "probe: caps [bnd|eff|prm|inh|amb]\n"), 2;
        return puts(""), 0;
}

static int cmd_nnp(char **argv UNUSED)
{
        return printf("%d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)), 0;
}

static int cmd_seccomp(char **argv UNUSED)
{
        const char *v = status_field("Seccomp");
        return puts(v ? v : "?"), 0;
}

static int cmd_statfs(char **argv)
{
        static const struct {
                unsigned long flag;
                const char *name;
        } flags[] = {
                {ST_NOSUID, "nosuid"},
                {ST_NODEV, "nodev"},
                {ST_NOEXEC, "noexec"},
        };
        static const struct {
                unsigned long magic;
                const char *name;
        } types[] = {
                {0x01021994, "tmpfs"},   {0x9fa0, "proc"},       {0x62656572, "sysfs"}, {0x1cd1, "devpts"},
                {0x794c7630, "overlay"}, {0xef53, "ext4"},       {0x9123683e, "btrfs"}, {0x58465342, "xfs"},
                {0x63677270, "cgroup2"}, {0x19800202, "mqueue"}, {0x65735546, "fuse"},  {0x2fc12fc1, "zfs"},
        };
        struct statfs sf;
        if (statfs(argv[0], &sf) < 0)
                return puts(errname(errno)), 0;
        printf("%s", sf.f_flags & ST_RDONLY ? "ro" : "rw");
        for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
                if (sf.f_flags & flags[i].flag)
                        printf(",%s", flags[i].name);
        for (size_t i = 0; i < sizeof types / sizeof *types; i++)
                if ((unsigned long)sf.f_type == types[i].magic)
                        return printf(" %s\n", types[i].name), 0;
        return printf(" 0x%lx\n", (unsigned long)sf.f_type), 0;
}

/* A raw statx (no libc wrapper: no preloaded library sees it) with the given mask. */
static int cmd_statx(char **argv)
{
        struct statx stx;
        unsigned mask = argv[1] ? (unsigned)strtoul(argv[1], NULL, 0) : STATX_BASIC_STATS;
        if (syscall(SYS_statx, AT_FDCWD, argv[0], AT_SYMLINK_NOFOLLOW, mask, &stx) < 0)
                return puts(errname(errno)), 0;
        return printf("%u:%u %o\n", stx.stx_uid, stx.stx_gid, (unsigned)stx.stx_mode), 0;
}

static int cmd_rlimit(char **argv)
{
        static const struct {
                const char *name;
                int res;
        } lims[] = {
                {"CPU", RLIMIT_CPU},           {"FSIZE", RLIMIT_FSIZE}, {"DATA", RLIMIT_DATA},
                {"STACK", RLIMIT_STACK},       {"CORE", RLIMIT_CORE},   {"RSS", RLIMIT_RSS},
                {"NOFILE", RLIMIT_NOFILE},     {"AS", RLIMIT_AS},       {"NPROC", RLIMIT_NPROC},
                {"MEMLOCK", RLIMIT_MEMLOCK},   {"LOCKS", RLIMIT_LOCKS}, {"SIGPENDING", RLIMIT_SIGPENDING},
                {"MSGQUEUE", RLIMIT_MSGQUEUE}, {"NICE", RLIMIT_NICE},   {"RTPRIO", RLIMIT_RTPRIO},
                {"RTTIME", RLIMIT_RTTIME},
        };
        const char *n = argv[0];
        if (strncmp(n, "RLIMIT_", 7) == 0)
                n += 7;
        for (size_t i = 0; i < sizeof lims / sizeof *lims; i++) {
                struct rlimit rl;
                if (strcasecmp(n, lims[i].name) != 0)
                        continue;
                if (getrlimit(lims[i].res, &rl) < 0)
                        return puts(errname(errno)), 0;
                if (rl.rlim_cur == RLIM_INFINITY)
                        printf("infinity ");
                else
                        printf("%llu ", (unsigned long long)rl.rlim_cur);
                if (rl.rlim_max == RLIM_INFINITY)
                        puts("infinity");
                else
                        printf("%llu\n", (unsigned long long)rl.rlim_max);
                return 0;
        }
        return fprintf(stderr, "probe: unknown rlimit %s\n", argv[0]), 2;
}

static int cmd_ids(char **argv UNUSED)
{
        gid_t g[256];
        int n = getgroups(256, g);
        printf("uid=%u gid=%u euid=%u egid=%u groups=", getuid(), getgid(), geteuid(), getegid());
        for (int i = 0; i < n; i++)
                printf("%s%u", i ? "," : "", g[i]);
        return puts(""), 0;
}

/* The three uids and gids, as getresuid/getresgid give them. */
static int cmd_resids(char **argv UNUSED)
{
        uid_t r, e, s;
        gid_t rg, eg, sg;

        if (getresuid(&r, &e, &s) < 0 || getresgid(&rg, &eg, &sg) < 0)
                return puts(errname(errno)), 0;
        printf("uid=%u,%u,%u gid=%u,%u,%u\n", r, e, s, rg, eg, sg);
        return 0;
}

/* Drop to UID:GID as a daemon does (groups, gid, then uid), then run CMD or print the ids. */
static int cmd_become(char **argv)
{
        uid_t uid = (uid_t)strtoul(argv[0], NULL, 10);
        gid_t gid = (gid_t)strtoul(argv[1], NULL, 10);
        char **cmd = argv + 2;

        if (setgroups(1, &gid) < 0 || setgid(gid) < 0 || setuid(uid) < 0)
                return puts(errname(errno)), 0;
        if (*cmd && strcmp(*cmd, "--") == 0)
                cmd++;
        if (!*cmd)
                return cmd_resids(NULL);
        execvp(cmd[0], cmd);
        return puts(errname(errno)), 127;
}

/* setresuid(UID, UID, 0) keeps root saved: print the ids, regain root with seteuid(0), print again. */
static int cmd_keep_saved(char **argv)
{
        uid_t uid = (uid_t)strtoul(argv[0], NULL, 10);

        if (setresuid(uid, uid, 0) < 0)
                return puts(errname(errno)), 0;
        cmd_resids(NULL);
        if (seteuid(0) < 0)
                return puts(errname(errno)), 0;
        return cmd_resids(NULL);
}

/* A child's ids (fork, no exec). */
static int cmd_fork_ids(char **argv UNUSED)
{
        pid_t pid = fork();

        if (pid == 0) {
                cmd_resids(NULL);
                fflush(stdout);
                _exit(0);
        }
        return waitpid(pid, NULL, 0) < 0 ? 1 : 0;
}

static int cmd_sid(char **argv UNUSED)
{
        return printf("sid=%d pid=%d pgrp=%d\n", getsid(0), getpid(), getpgrp()), 0;
}

static const char *signame(int sig)
{
        static char buf[24];
        const char *a = sig > 0 ? sigabbrev_np(sig) : NULL;
        if (a)
                snprintf(buf, sizeof buf, "SIG%s", a);
        else if (sig >= SIGRTMIN && sig <= SIGRTMAX)
                snprintf(buf, sizeof buf, "SIGRTMIN+%d", sig - SIGRTMIN);
        else
                snprintf(buf, sizeof buf, "%d", sig);
        return buf;
}

static int parse_signal(const char *s)
{
        char *end;
        long n = strtol(s, &end, 10);
        if (*s && !*end)
                return (int)n;
        if (strncasecmp(s, "SIG", 3) == 0)
                s += 3;
        for (int i = 1; i < NSIG; i++) {
                const char *a = sigabbrev_np(i);
                if (a && strcasecmp(a, s) == 0)
                        return i;
        }
        return -1;
}

static int cmd_pdeathsig(char **argv UNUSED)
{
        int sig = 0;
        prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0);
        return puts(sig ? signame(sig) : "0"), 0;
}

/* Number of processes in state Z visible in /proc (their own stat line, state after the last ')'). */
static int count_zombies(void)
{
        DIR *d = opendir("/proc");
        struct dirent *de;
        int n = 0;
        if (!d)
                return -1;
        while ((de = readdir(d))) {
                char path[300], buf[1024];
                if (de->d_name[0] < '0' || de->d_name[0] > '9')
                        continue;
                snprintf(path, sizeof path, "/proc/%s/stat", de->d_name);
                int fd = open(path, O_RDONLY | O_CLOEXEC);
                if (fd < 0)
                        continue;
                ssize_t l = read(fd, buf, sizeof buf - 1);
                close(fd);
                if (l <= 0)
                        continue;
                buf[l] = 0;
                char *p = strrchr(buf, ')');
                if (p && p[1] == ' ' && p[2] == 'Z')
                        n++;
        }
        closedir(d);
        return n;
}

/* Make an orphan: child forks a grandchild and exits at once; the grandchild exits 100 ms later,
 * reparented to PID 1 (or a subreaper), which must reap it. Then count zombies. */
static int cmd_zombie(char **argv UNUSED)
{
        pid_t c = fork();
        if (c < 0)
                return puts(errname(errno)), 0;
        if (c == 0) {
                pid_t g = fork();
                if (g == 0) {
                        usleep(100 * 1000);
                        _exit(0);
                }
                _exit(g < 0 ? 1 : 0);
        }
        waitpid(c, NULL, 0);
        usleep(500 * 1000);
        return printf("%d\n", count_zombies()), 0;
}

/* Prints "ready" once every catchable signal is blocked (so a case can wait for it before
 * signalling), then "got SIGNAME" for the first signal that arrives. Blocked signals reach even
 * PID 1, which the kernel would otherwise shield from default-action signals. */
static int cmd_wait_signal(char **argv UNUSED)
{
        sigset_t all;
        siginfo_t si;
        sigfillset(&all);
        sigprocmask(SIG_BLOCK, &all, NULL);
        puts("ready");
        fflush(stdout);
        int sig;
        while ((sig = sigwaitinfo(&all, &si)) < 0 && errno == EINTR)
                ;
        if (sig < 0)
                return puts(errname(errno)), 1;
        return printf("got %s\n", signame(sig)), 0;
}

static int cmd_kill_self(char **argv)
{
        sigset_t s;
        int sig = parse_signal(argv[0]);
        if (sig <= 0)
                return fprintf(stderr, "probe: unknown signal %s\n", argv[0]), 2;
        fflush(stdout);
        signal(sig, SIG_DFL);
        sigemptyset(&s);
        sigaddset(&s, sig);
        sigprocmask(SIG_UNBLOCK, &s, NULL);
        kill(getpid(), sig);
        usleep(100 * 1000);
        return puts("survived"), 1; /* e.g. PID 1, which ignores default-action signals */
}

static int cmd_exit(char **argv)
{
        exit(atoi(argv[0]));
}

static int cmd_ttyname(char **argv UNUSED)
{
        for (int fd = 0; fd < 3; fd++) {
                const char *n = ttyname(fd);
                printf("%s%d=%s", fd ? " " : "", fd, n ? n : errname(errno));
        }
        return puts(""), 0;
}

static int cmd_read_file(char **argv)
{
        char buf[65536];
        long long total = 0;
        ssize_t l;
        int fd = open(argv[0], O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return puts(errname(errno)), 0;
        while ((l = read(fd, buf, sizeof buf)) > 0)
                total += l;
        int e = errno;
        close(fd);
        if (l < 0)
                return puts(errname(e)), 0;
        return printf("%lld\n", total), 0;
}

static int cmd_write_file(char **argv)
{
        int fd = open(argv[0], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0)
                return puts(errname(errno)), 0;
        ssize_t l = write(fd, "probe\n", 6);
        int e = errno;
        if (close(fd) < 0 && l >= 0)
                l = -1, e = errno;
        errno = e;
        return report(l < 0 ? -1 : 0, 0);
}

/* mknod PATH [c|b|p] — default a char device 1:3 (what /dev/null is) */
static int cmd_mknod(char **argv)
{
        mode_t type = S_IFCHR;
        if (argv[1] && argv[1][0] == 'b')
                type = S_IFBLK;
        else if (argv[1] && argv[1][0] == 'p')
                type = S_IFIFO;
        return report(mknod(argv[0], type | 0600, type == S_IFIFO ? 0 : makedev(1, 3)), 0);
}

/* hide-notify CMD [ARGS] — exec CMD where seccomp user notification is missing, as before Linux
 * 5.0: seccomp(SECCOMP_SET_MODE_FILTER) with SECCOMP_FILTER_FLAG_NEW_LISTENER fails with EINVAL
 * (libseccomp's own probe then reports API level < 5). Other filters still load.
 * hide-seccomp CMD [ARGS] — exec CMD where seccomp filters are missing (a kernel built without
 * CONFIG_SECCOMP_FILTER): seccomp() fails with ENOSYS, prctl(PR_SET_SECCOMP) with EINVAL. The
 * trace backend's fallbacks run under these (make check-trace-fallbacks).
 * All three set PR_SET_NO_NEW_PRIVS first, which an unprivileged process needs to install a
 * filter -- unless the probe runs set-user-ID root (a copy the root test runner makes): then it
 * installs the filter with root's CAP_SYS_ADMIN, drops to the caller's ids for good and leaves
 * no_new_privs unset, as Docker's runtime does, so set-user-ID helpers (fusermount3) work under
 * the filter as they would on such a host. */
static int exec_under(const char *name, struct sock_filter *f, unsigned short len, char **argv)
{
        struct sock_fprog prog = {.len = len, .filter = f};
        int setuid_root = getauxval(AT_SECURE) && geteuid() == 0 && getuid() != 0;
        if ((!setuid_root && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) ||
            prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
                return fprintf(stderr, "probe: %s: installing the filter: %s\n", name, strerror(errno)), 2;
        if (setuid_root && (setresgid(getgid(), getgid(), getgid()) < 0 || setresuid(getuid(), getuid(), getuid()) < 0 ||
                            geteuid() == 0 || setuid(0) == 0))
                return fprintf(stderr, "probe: %s: dropping root failed\n", name), 2;
        if (argv[0] && strcmp(argv[0], "--") == 0)
                argv++;
        if (!argv[0])
                return fprintf(stderr, "probe: %s CMD [ARGS]\n", name), 2;
        execvp(argv[0], argv);
        return fprintf(stderr, "probe: %s: %s: %s\n", name, argv[0], strerror(errno)), 127;
}

/* deny-userns CMD [ARGS] — exec CMD under a seccomp filter shaped like Docker's default profile
 * for a process without CAP_SYS_ADMIN: unshare fails with EPERM, clone with any namespace flag
 * (0x7E020000: NEWNS NEWCGROUP NEWUTS NEWIPC NEWUSER NEWPID NEWNET) fails with EPERM, clone3
 * fails with ENOSYS so callers fall back to clone. Raw BPF: the probe is static, no libseccomp.
 * no_new_privs: as for exec_under above. */
#if defined(__x86_64__)
#define PROBE_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define PROBE_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif
static int cmd_deny_userns(char **argv)
{
#ifdef PROBE_AUDIT_ARCH
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#define NS_FLAGS 0x7E020000U
#define LD_ABS(f) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, f))
#define RET(v) BPF_STMT(BPF_RET | BPF_K, (v))
        struct sock_filter f[] = {
                LD_ABS(arch),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PROBE_AUDIT_ARCH, 1, 0),
                RET(SECCOMP_RET_KILL_PROCESS),
                LD_ABS(nr),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, 1),
                RET(SECCOMP_RET_ERRNO | ENOSYS),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_unshare, 0, 1),
                RET(SECCOMP_RET_ERRNO | EPERM),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 1, 0),
                RET(SECCOMP_RET_ALLOW),
                /* clone: flags are args[0] on x86_64 and aarch64 (low 32 bits hold every CLONE_NEW*) */
                LD_ABS(args[0]),
                BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NS_FLAGS, 0, 1),
                RET(SECCOMP_RET_ERRNO | EPERM),
                RET(SECCOMP_RET_ALLOW),
        };
        return exec_under("deny-userns", f, sizeof f / sizeof *f, argv);
#else
        (void)argv;
        return fprintf(stderr, "probe: deny-userns: unsupported architecture\n"), 2;
#endif
}

/* cloexec PATH — open PATH twice read-only, with and without O_CLOEXEC, and print what each
 * descriptor's FD_CLOEXEC says: "cloexec=1 plain=0" when both are honoured, else an errno. */
static int cmd_cloexec(char **argv)
{
        int a = open(argv[0], O_RDONLY | O_CLOEXEC), b = open(argv[0], O_RDONLY);
        if (a < 0 || b < 0)
                return puts(errname(errno)), 0;
        printf("cloexec=%d plain=%d\n", !!(fcntl(a, F_GETFD) & FD_CLOEXEC), !!(fcntl(b, F_GETFD) & FD_CLOEXEC));
        close(a);
        close(b);
        return 0;
}

static int cmd_hide_notify(char **argv)
{
#ifdef PROBE_AUDIT_ARCH
        struct sock_filter f[] = {
                LD_ABS(arch),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PROBE_AUDIT_ARCH, 1, 0),
                RET(SECCOMP_RET_ALLOW), /* other ABIs: what the caller's own filters say */
                LD_ABS(nr),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_seccomp, 0, 4),
                LD_ABS(args[0]), /* the low half on little-endian hosts */
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_SET_MODE_FILTER, 0, 2),
                LD_ABS(args[1]),
                BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, SECCOMP_FILTER_FLAG_NEW_LISTENER, 1, 0),
                RET(SECCOMP_RET_ALLOW),
                RET(SECCOMP_RET_ERRNO | EINVAL),
        };
        return exec_under("hide-notify", f, sizeof f / sizeof *f, argv);
#else
        (void)argv;
        return fprintf(stderr, "probe: hide-notify: unsupported architecture\n"), 2;
#endif
}

static int cmd_hide_seccomp(char **argv)
{
#ifdef PROBE_AUDIT_ARCH
        struct sock_filter f[] = {
                LD_ABS(arch),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PROBE_AUDIT_ARCH, 1, 0),
                RET(SECCOMP_RET_ALLOW), /* other ABIs: what the caller's own filters say */
                LD_ABS(nr),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_seccomp, 0, 1),
                RET(SECCOMP_RET_ERRNO | ENOSYS),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_prctl, 0, 3),
                LD_ABS(args[0]),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PR_SET_SECCOMP, 0, 1),
                RET(SECCOMP_RET_ERRNO | EINVAL),
                RET(SECCOMP_RET_ALLOW),
        };
        return exec_under("hide-seccomp", f, sizeof f / sizeof *f, argv);
#else
        (void)argv;
        return fprintf(stderr, "probe: hide-seccomp: unsupported architecture\n"), 2;
#endif
}

/* recv-dgram PATH COUNT TIMEOUT_MS — bind a datagram socket at PATH (as $NOTIFY_SOCKET or
 * /dev/log would be) and print up to COUNT messages, one a line, newlines shown as '|'; after
 * TIMEOUT_MS without one, print "timeout" and stop. */
static int cmd_recv_dgram(char **argv)
{
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), count = atoi(argv[1]);
        int timeout = argv[2] ? atoi(argv[2]) : 5000;

        snprintf(sa.sun_path, sizeof sa.sun_path, "%s", argv[0]);
        if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
                return fprintf(stderr, "probe: recv-dgram %s: %s\n", argv[0], strerror(errno)), 2;
        printf("listening\n");
        fflush(stdout);
        for (int i = 0; i < count; i++) {
                struct pollfd p = {.fd = fd, .events = POLLIN};
                char buf[4096];
                ssize_t n;

                if (poll(&p, 1, timeout) <= 0) {
                        printf("timeout\n");
                        break;
                }
                n = recv(fd, buf, sizeof buf - 1, 0);
                if (n < 0)
                        break;
                buf[n] = '\0';
                for (char *c = buf; *c; c++)
                        if (*c == '\n')
                                *c = '|';
                printf("%s\n", buf);
                fflush(stdout);
        }
        unlink(argv[0]);
        return 0;
}

/* send-dgram PATH TEXT — send TEXT ("\n" escapes become newlines) as one datagram to PATH. */
static int cmd_send_dgram(char **argv)
{
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        char text[4096], *o = text;

        for (const char *c = argv[1]; *c && o < text + sizeof text - 1; c++)
                if (c[0] == '\\' && c[1] == 'n') {
                        *o++ = '\n';
                        c++;
                } else
                        *o++ = *c;
        *o = '\0';
        snprintf(sa.sun_path, sizeof sa.sun_path, "%s", argv[0]);
        return report(fd < 0 ? -1 : (int)sendto(fd, text, strlen(text), 0, (struct sockaddr *)&sa, sizeof sa), 0);
}

/* deny-syscall NAME[,NAME...] [--] CMD [ARGS] — exec CMD under a filter that makes the named
 * system calls fail with ENOSYS, as on a kernel (or a container profile) without them, so a
 * test can force uspawn's fallback paths (crun's no_openat2 trick). */
static const struct {
        const char *name;
        long nr;
} deniable[] = {
#ifdef SYS_openat2
        {"openat2", SYS_openat2},
#endif
#ifdef SYS_mount_setattr
        {"mount_setattr", SYS_mount_setattr},
#endif
        {"execveat", SYS_execveat},
        {"memfd_create", SYS_memfd_create},
        {"capset", SYS_capset},
#ifdef SYS_fsopen
        {"fsopen", SYS_fsopen},
#endif
#ifdef SYS_open_tree
        {"open_tree", SYS_open_tree},
#endif
};

static int cmd_deny_syscall(char **argv)
{
#ifdef PROBE_AUDIT_ARCH
        struct sock_filter f[64];
        unsigned n = 0;
        char *names = argv[0] ? strdup(argv[0]) : NULL, *save = NULL;

        if (!names)
                return fprintf(stderr, "probe: deny-syscall NAME[,NAME] [--] CMD [ARGS]\n"), 2;
        f[n++] = (struct sock_filter)LD_ABS(arch);
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PROBE_AUDIT_ARCH, 1, 0);
        f[n++] = (struct sock_filter)RET(SECCOMP_RET_KILL_PROCESS);
        f[n++] = (struct sock_filter)LD_ABS(nr);
        for (char *w = strtok_r(names, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
                long nr = -1;
                for (size_t i = 0; i < sizeof deniable / sizeof *deniable; i++)
                        if (strcmp(deniable[i].name, w) == 0)
                                nr = deniable[i].nr;
                if (nr < 0 || n > 60)
                        return fprintf(stderr, "probe: deny-syscall: cannot deny '%s'\n", w), 2;
                f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 1);
                f[n++] = (struct sock_filter)RET(SECCOMP_RET_ERRNO | ENOSYS);
        }
        f[n++] = (struct sock_filter)RET(SECCOMP_RET_ALLOW);
        free(names);
        struct sock_fprog prog = {.len = (unsigned short)n, .filter = f};
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
                return fprintf(stderr, "probe: deny-syscall: installing the filter: %s\n", strerror(errno)), 2;
        argv++;
        if (argv[0] && strcmp(argv[0], "--") == 0)
                argv++;
        if (!argv[0])
                return fprintf(stderr, "probe: deny-syscall NAME[,NAME] [--] CMD [ARGS]\n"), 2;
        execvp(argv[0], argv);
        return fprintf(stderr, "probe: deny-syscall: %s: %s\n", argv[0], strerror(errno)), 127;
#else
        (void)argv;
        return fprintf(stderr, "probe: deny-syscall: unsupported architecture\n"), 2;
#endif
}


/* path CALL PATH [DIR] — one path-taking call, its answer as one line: the first line of the file
 * (open family), size=N (stat family), ok (access family), the target (readlink family), the
 * working directory (chdir, fchdir), or the errno name. DIR is the directory fd's path for the
 * *at and openat2-in-root forms, the new name for rename, link and symlink (ok | ERRNO). execve
 * replaces the probe with PATH. */
static int first_line(long fd)
{
        char buf[256];
        ssize_t n;

        if (fd < 0)
                return puts(errname(errno)), 0;
        n = read((int)fd, buf, sizeof buf - 1);
        close((int)fd);
        if (n < 0)
                return puts(errname(errno)), 0;
        buf[n] = '\0';
        buf[strcspn(buf, "\n")] = '\0';
        return puts(buf), 0;
}

static int cmd_path(char **argv)
{
        const char *call = argv[0], *path = argv[1];
        int two = !strcmp(call, "rename") || !strcmp(call, "link") || !strcmp(call, "symlink");
        /* execveat's dirfd stays open across the exec: a script is read through /dev/fd/N/PATH */
        int dirfd = argv[2] && !two ? open(argv[2], O_RDONLY | O_DIRECTORY | (strcmp(call, "execveat") ? O_CLOEXEC : 0))
                                    : AT_FDCWD;
        struct open_how how = {.flags = O_RDONLY | O_CLOEXEC};
        struct statx stx;
        struct stat st;
        char buf[4096];
        long r;

        if (argv[2] && !two && dirfd < 0)
                return printf("dir %s\n", errname(errno)), 0;
        if (!strcmp(call, "open"))
                return first_line(open(path, O_RDONLY | O_CLOEXEC));
        if (!strcmp(call, "openat"))
                return first_line(openat(dirfd, path, O_RDONLY | O_CLOEXEC));
        if (!strcmp(call, "openat2") || !strcmp(call, "openat2-in-root")) {
                if (!strcmp(call, "openat2-in-root"))
                        how.resolve = RESOLVE_IN_ROOT;
                return first_line(syscall(SYS_openat2, dirfd, path, &how, sizeof how));
        }
        if (!strcmp(call, "stat") || !strcmp(call, "lstat") || !strcmp(call, "fstatat")) {
                r = !strcmp(call, "stat")    ? stat(path, &st)
                    : !strcmp(call, "lstat") ? lstat(path, &st)
                                             : fstatat(dirfd, path, &st, 0);
                return r < 0 ? puts(errname(errno)) : printf("size=%lld\n", (long long)st.st_size), 0;
        }
        if (!strcmp(call, "statx")) {
                r = syscall(SYS_statx, dirfd, path, 0, STATX_SIZE, &stx);
                return r < 0 ? puts(errname(errno)) : printf("size=%llu\n", (unsigned long long)stx.stx_size), 0;
        }
        if (!strcmp(call, "access"))
                return report(access(path, R_OK), 0);
        if (!strcmp(call, "faccessat"))
                return report(syscall(SYS_faccessat, dirfd, path, R_OK), 0);
        if (!strcmp(call, "faccessat2"))
                return report(syscall(SYS_faccessat2, dirfd, path, R_OK, 0), 0);
        if (!strcmp(call, "readlink") || !strcmp(call, "readlinkat")) {
                r = !strcmp(call, "readlink") ? readlink(path, buf, sizeof buf - 1)
                                              : readlinkat(dirfd, path, buf, sizeof buf - 1);
                if (r < 0)
                        return puts(errname(errno)), 0;
                buf[r] = '\0';
                return puts(buf), 0;
        }
        if (!strcmp(call, "chdir") || !strcmp(call, "fchdir")) {
                int fd = !strcmp(call, "fchdir") ? open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
                r = fd >= 0 ? fchdir(fd) : chdir(path);
                if (r < 0 || !getcwd(buf, sizeof buf))
                        return puts(errname(errno)), 0;
                return puts(buf), 0;
        }
        if (!strcmp(call, "mkdir"))
                return report(mkdir(path, 0755), 0);
        if (!strcmp(call, "mkdirat"))
                return report(mkdirat(dirfd, path, 0755), 0);
        if (!strcmp(call, "rmdir"))
                return report(rmdir(path), 0);
        if (!strcmp(call, "unlink"))
                return report(unlink(path), 0);
        if (!strcmp(call, "unlinkat"))
                return report(unlinkat(dirfd, path, 0), 0);
        if (!strcmp(call, "creat"))
                return report(creat(path, 0644), 1);
        if (!strcmp(call, "mknodat"))
                return report(mknodat(dirfd, path, S_IFIFO | 0644, 0), 0);
        if (!strcmp(call, "chmod"))
                return report(chmod(path, 0600), 0);
        if (!strcmp(call, "fchmodat"))
                return report(syscall(SYS_fchmodat, dirfd, path, 0640), 0);
        if (!strcmp(call, "fchmodat2"))
                return report(syscall(452, dirfd, path, 0604, 0), 0);
        if (!strcmp(call, "chown"))
                return report(chown(path, getuid(), getgid()), 0);
        if (!strcmp(call, "lchown"))
                return report(lchown(path, getuid(), getgid()), 0);
        if (!strcmp(call, "fchownat"))
                return report(fchownat(dirfd, path, getuid(), getgid(), AT_SYMLINK_NOFOLLOW), 0);
        if (!strcmp(call, "truncate"))
                return report(truncate(path, 2), 0);
        if (!strcmp(call, "utimes")) {
                struct timeval tv[2] = {{1000000000, 0}, {1000000000, 0}};
                return report(syscall(SYS_utimes, path, tv), 0);
        }
        if (!strcmp(call, "utimensat")) {
                struct timespec ts[2] = {{1100000000, 0}, {1100000000, 0}};
                return report(utimensat(dirfd, path, ts, 0), 0);
        }
        if (!strcmp(call, "setxattr"))
                return report(setxattr(path, "user.probe", "v", 1, 0), 0);
        if (!strcmp(call, "getxattr")) {
                r = getxattr(path, "user.probe", buf, sizeof buf - 1);
                if (r < 0)
                        return puts(errname(errno)), 0;
                buf[r] = '\0';
                return puts(buf), 0;
        }
        if (!strcmp(call, "listxattr")) {
                r = listxattr(path, buf, sizeof buf - 1);
                return r < 0 ? puts(errname(errno)) : puts(r > 0 ? buf : "(none)"), 0;
        }
        if (!strcmp(call, "removexattr"))
                return report(removexattr(path, "user.probe"), 0);
        if (!strcmp(call, "statfs")) {
                struct statfs sf;
                return report(statfs(path, &sf), 0);
        }
        if (!strcmp(call, "inotify_add_watch")) {
                int in = inotify_init1(IN_CLOEXEC);
                return report(in < 0 ? -1 : inotify_add_watch(in, path, IN_ALL_EVENTS), 0);
        }
        if (!strcmp(call, "name_to_handle_at")) {
                struct {
                        struct file_handle fh;
                        unsigned char h[128];
                } fh = {.fh.handle_bytes = 128};
                int mnt;
                return report(name_to_handle_at(dirfd, path, &fh.fh, &mnt, 0), 0);
        }
#if defined(__x86_64__)
        if (!strcmp(call, "int80-open")) {
                /* open through the 32-bit ABI (int $0x80, i386 open = 5): its numbers are not the
                 * 64-bit table's, so a filter written for x86_64 must not let it through */
                static char path32[256]; /* the static probe's data lies below 4 GiB */
                long ret;

                snprintf(path32, sizeof path32, "%s", path);
                __asm__ volatile("int $0x80"
                                 : "=a"(ret)
                                 : "0"(5L), "b"(path32), "c"((long)O_RDONLY)
                                 : "memory");
                if (ret < 0)
                        return puts(errname((int)-ret)), 0;
                return first_line(ret);
        }
#endif
        if (!strcmp(call, "getsockname") || !strcmp(call, "recvfrom")) {
                /* bind PATH; getsockname: print the name the kernel gives back; recvfrom: a
                 * second socket bound at PATH.2 sends to it, print the sender's name */
                struct sockaddr_un sa = {.sun_family = AF_UNIX}, sb = {.sun_family = AF_UNIX}, got = {};
                socklen_t len = sizeof got;
                int a = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), b = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

                snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
                snprintf(sb.sun_path, sizeof sb.sun_path, "%s.2", path);
                if (a < 0 || b < 0 || bind(a, (struct sockaddr *)&sa, sizeof sa) < 0)
                        return puts(errname(errno)), 0;
                if (!strcmp(call, "getsockname"))
                        r = getsockname(a, (struct sockaddr *)&got, &len);
                else if (bind(b, (struct sockaddr *)&sb, sizeof sb) < 0 ||
                         sendto(b, "x", 1, 0, (struct sockaddr *)&sa, sizeof sa) < 0)
                        r = -1;
                else
                        r = recvfrom(a, buf, sizeof buf, 0, (struct sockaddr *)&got, &len);
                unlink(sa.sun_path);
                unlink(sb.sun_path);
                if (r < 0)
                        return puts(errname(errno)), 0;
                return printf("%s len=%u\n", got.sun_path, (unsigned)len), 0;
        }
        if (!strcmp(call, "connect") || !strcmp(call, "sendmsg")) {
                struct sockaddr_un sa = {.sun_family = AF_UNIX};
                int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
                struct iovec iov = {.iov_base = (void *)"sendmsg", .iov_len = 7};
                struct msghdr mh = {.msg_name = &sa, .msg_namelen = sizeof sa, .msg_iov = &iov, .msg_iovlen = 1};

                snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
                if (fd < 0)
                        return puts(errname(errno)), 0;
                return report(!strcmp(call, "connect") ? connect(fd, (struct sockaddr *)&sa, sizeof sa)
                                                       : sendmsg(fd, &mh, 0),
                              0);
        }
        if (!strcmp(call, "execveat")) {
                char *args[] = {(char *)path, NULL};
                syscall(SYS_execveat, dirfd, path, args, (char *[]){NULL}, 0);
                return puts(errname(errno)), 0;
        }
        if (!strcmp(call, "rename") || !strcmp(call, "link") || !strcmp(call, "symlink"))
                return report(!strcmp(call, "rename") ? rename(path, argv[2])
                              : !strcmp(call, "link") ? link(path, argv[2])
                                                      : symlink(path, argv[2]),
                              0);
        if (!strcmp(call, "execve")) {
                char *args[] = {(char *)path, NULL};
                execve(path, args, (char *[]){NULL});
                return puts(errname(errno)), 0;
        }
        fprintf(stderr, "probe: path: unknown call %s\n", call);
        return 2;
}

/* threads N M PATH — N threads, each M rounds of: open PATH and read its first line, readlink
 * /proc/thread-self/cwd, fork + exec `probe exit 3` and wait for status 3. Prints "ok", or the
 * first thing that went wrong. */
struct thread_job {
        const char *path, *self;
        int rounds;
        char first[256];
        char error[128];
};

static void *thread_main(void *arg)
{
        struct thread_job *j = arg;
        char buf[256], cwd[4096];

        for (int i = 0; i < j->rounds && !j->error[0]; i++) {
                int fd = open(j->path, O_RDONLY | O_CLOEXEC), st;
                ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
                pid_t pid;

                if (fd >= 0)
                        close(fd);
                if (n < 0) {
                        snprintf(j->error, sizeof j->error, "open %.80s: %s", j->path, errname(errno));
                        break;
                }
                buf[n] = '\0';
                buf[strcspn(buf, "\n")] = '\0';
                if (!j->first[0])
                        snprintf(j->first, sizeof j->first, "%s", buf);
                else if (strcmp(j->first, buf))
                        snprintf(j->error, sizeof j->error, "read %.40s then %.40s", j->first, buf);
                n = readlink("/proc/thread-self/cwd", cwd, sizeof cwd - 1);
                if (n <= 0 || cwd[0] != '/')
                        snprintf(j->error, sizeof j->error, "readlink /proc/thread-self/cwd: %s",
                                 n < 0 ? errname(errno) : "not a path");
                pid = fork();
                if (pid == 0) {
                        execl(j->self, "probe", "exit", "3", (char *)NULL);
                        _exit(127);
                }
                if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 3)
                        snprintf(j->error, sizeof j->error, "fork+exec: status %d", pid < 0 ? -1 : st);
        }
        return NULL;
}

static int cmd_threads(char **argv)
{
        int n = atoi(argv[0]), rounds = atoi(argv[1]);
        struct thread_job jobs[64] = {0};
        pthread_t th[64];
        char self[4096];
        ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);

        if (n < 1 || n > 64 || !argv[2] || k <= 0)
                return fprintf(stderr, "probe: threads N(1-64) M PATH\n"), 2;
        self[k] = '\0';
        for (int i = 0; i < n; i++) {
                jobs[i] = (struct thread_job){.path = argv[2], .self = self, .rounds = rounds};
                if (pthread_create(&th[i], NULL, thread_main, &jobs[i]) != 0)
                        return printf("pthread_create failed\n"), 0;
        }
        for (int i = 0; i < n; i++)
                pthread_join(th[i], NULL);
        for (int i = 0; i < n; i++)
                if (jobs[i].error[0])
                        return printf("thread %d: %s\n", i, jobs[i].error), 0;
        for (int i = 1; i < n; i++)
                if (strcmp(jobs[i].first, jobs[0].first))
                        return printf("threads read %s and %s\n", jobs[0].first, jobs[i].first), 0;
        return printf("ok %s\n", jobs[0].first), 0;
}

static const struct {
        const char *name;
        int nargs; /* required arguments */
        int (*fn)(char **argv);
        const char *usage;
} cmds[] = {
        {"syscall", 1, cmd_syscall, "syscall NAME        ok | ERRNO"},
        {"tiocsti", 0, cmd_tiocsti, "tiocsti             ok | ERRNO (TIOCSTI on fd 0 or /dev/tty)"},
        {"tioclinux", 0, cmd_tioclinux, "tioclinux           ok | ERRNO (TIOCLINUX on fd 0)"},
        {"caps", 0, cmd_caps, "caps [SET]          bnd=HEX eff=.. prm=.. inh=.. amb=.. | names of SET"},
        {"nnp", 0, cmd_nnp, "nnp                 0 | 1"},
        {"seccomp", 0, cmd_seccomp, "seccomp             Seccomp: of /proc/self/status (0 1 2)"},
        {"statfs", 1, cmd_statfs, "statfs PATH         ro|rw[,nosuid][,nodev][,noexec] FSTYPE"},
        {"statx", 1, cmd_statx, "statx PATH [MASK]   UID:GID MODE (octal) | ERRNO, raw lstat-like statx"},
        {"rlimit", 1, cmd_rlimit, "rlimit NAME         SOFT HARD (numbers or infinity)"},
        {"ids", 0, cmd_ids, "ids                 uid= gid= euid= egid= groups=a,b"},
        {"sid", 0, cmd_sid, "sid                 sid= pid= pgrp="},
        {"resids", 0, cmd_resids, "resids              uid=R,E,S gid=R,E,S | ERRNO"},
        {"become", 2, cmd_become, "become UID GID [--] [CMD ARGS]  setgroups, setgid, setuid, then CMD or resids"},
        {"keep-saved", 1, cmd_keep_saved, "keep-saved UID      resids after setresuid(UID,UID,0), then after seteuid(0)"},
        {"fork-ids", 0, cmd_fork_ids, "fork-ids            resids of a forked child"},
        {"pdeathsig", 0, cmd_pdeathsig, "pdeathsig           0 | SIGNAME"},
        {"zombie", 0, cmd_zombie, "zombie              number of zombies 500 ms after orphaning one"},
        {"wait-signal", 0, cmd_wait_signal, "wait-signal         ready, then got SIGNAME"},
        {"kill-self", 1, cmd_kill_self, "kill-self SIGNAME   dies by SIGNAME (else prints survived)"},
        {"exit", 1, cmd_exit, "exit N              exits with N"},
        {"ttyname", 0, cmd_ttyname, "ttyname             0=NAME|ERRNO 1=.. 2=.."},
        {"read-file", 1, cmd_read_file, "read-file PATH      byte count | ERRNO"},
        {"write-file", 1, cmd_write_file, "write-file PATH     ok | ERRNO"},
        {"mknod", 1, cmd_mknod, "mknod PATH [c|b|p]  ok | ERRNO"},
        {"recv-dgram", 2, cmd_recv_dgram, "recv-dgram PATH COUNT [TIMEOUT_MS]  print datagrams received at PATH"},
        {"send-dgram", 2, cmd_send_dgram, "send-dgram PATH TEXT  send one datagram, ok | ERRNO"},
        {"deny-syscall", 2, cmd_deny_syscall,
         "deny-syscall NAMES [--] CMD [ARGS]  exec CMD with the named calls failing with ENOSYS"},
        {"threads", 3, cmd_threads, "threads N M PATH    ok FIRST-LINE | what went wrong (threads open, fork, exec)"},
        {"path", 2, cmd_path, "path CALL PATH [DIR]  first line | size=N | ok | target | cwd | ERRNO"},
        {"deny-userns", 1, cmd_deny_userns,
         "deny-userns [--] CMD [ARGS]  exec CMD under a Docker-like filter refusing namespaces"},
        {"cloexec", 1, cmd_cloexec, "cloexec PATH        cloexec=0|1 plain=0|1 (FD_CLOEXEC of an O_CLOEXEC open and a plain one)"},
        {"hide-notify", 1, cmd_hide_notify, "hide-notify [--] CMD [ARGS]  exec CMD as if seccomp user notification were missing"},
        {"hide-seccomp", 1, cmd_hide_seccomp, "hide-seccomp [--] CMD [ARGS]  exec CMD as if seccomp filters were missing"},
};

int main(int argc, char **argv)
{
        /* set-user-ID root: only the simulations, which drop root before they execute anything */
        if (getauxval(AT_SECURE) && (argc < 2 || (strcmp(argv[1], "deny-userns") != 0 &&
                                                  strcmp(argv[1], "hide-notify") != 0 &&
                                                  strcmp(argv[1], "hide-seccomp") != 0)))
                return fprintf(stderr, "probe: set-user-ID, only deny-userns, hide-notify and hide-seccomp run\n"), 2;
        for (size_t i = 0; argc > 1 && i < sizeof cmds / sizeof *cmds; i++)
                if (strcmp(argv[1], cmds[i].name) == 0) {
                        if (argc - 2 < cmds[i].nargs)
                                break;
                        int r = cmds[i].fn(argv + 2);
                        fflush(stdout);
                        return r;
                }
        fprintf(stderr, "usage: probe COMMAND [ARGS]\n");
        for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
                fprintf(stderr, "  %s\n", cmds[i].usage);
        fprintf(stderr, "syscalls:");
        for (size_t i = 0; i < sizeof syscalls / sizeof *syscalls; i++)
                fprintf(stderr, " %s", syscalls[i].name);
        fputc('\n', stderr);
        return 2;
}
