/* cow-ops: one libc call per invocation, for the libuspawn-cow.so cases and benchmark: the calls
 * that a shell or coreutils cannot make on demand (fopen, creat, openat on a dirfd, the fd
 * variants on an fd opened read-only or behind the shim's back), and timing loops.
 * Dynamic on purpose: LD_PRELOAD reaches only dynamic programs. Exit 0, or 1 with the error. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

static int die(const char *what)
{
        fprintf(stderr, "cow-ops: %s: %s\n", what, strerror(errno));
        return 1;
}

static double now(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int put(int fd, const char *text)
{
        size_t n = strlen(text);
        return write(fd, text, n) == (ssize_t)n ? 0 : -1;
}

int main(int argc, char *argv[])
{
        const char *op = argc > 1 ? argv[1] : "";
        int fd;

        if (!strcmp(op, "fopen") && argc == 5) { /* PATH MODE TEXT */
                FILE *f = fopen(argv[2], argv[3]);
                if (!f || fputs(argv[4], f) < 0 || fclose(f) != 0)
                        return die("fopen");
        } else if (!strcmp(op, "fopen64") && argc == 5) {
                FILE *f = fopen64(argv[2], argv[3]);
                if (!f || fputs(argv[4], f) < 0 || fclose(f) != 0)
                        return die("fopen64");
        } else if (!strcmp(op, "freopen") && argc == 4) { /* PATH TEXT: stdout reopened for append */
                if (!freopen(argv[2], "a", stdout) || fputs(argv[3], stdout) < 0 || fflush(stdout) != 0)
                        return die("freopen");
        } else if (!strcmp(op, "creat") && argc == 4) { /* PATH TEXT */
                if ((fd = creat(argv[2], 0644)) < 0 || put(fd, argv[3]) < 0 || close(fd) < 0)
                        return die("creat");
        } else if (!strcmp(op, "openat") && argc == 5) { /* DIR NAME TEXT: append through a dirfd */
                int dfd = open(argv[2], O_RDONLY | O_DIRECTORY);
                if (dfd < 0 || (fd = openat(dfd, argv[3], O_WRONLY | O_APPEND)) < 0 || put(fd, argv[4]) < 0)
                        return die("openat");
        } else if (!strcmp(op, "fchmod") && argc == 4) { /* PATH OCTAL, on a read-only fd */
                if ((fd = open(argv[2], O_RDONLY)) < 0 || fchmod(fd, strtoul(argv[3], 0, 8)) < 0)
                        return die("fchmod");
                struct stat st; /* the fd now names the private copy */
                if (fstat(fd, &st) < 0 || st.st_nlink != 1 || (st.st_mode & 07777) != strtoul(argv[3], 0, 8))
                        return errno = EIO, die("fchmod: the fd does not show the new file");
        } else if (!strcmp(op, "futimens") && argc == 4) { /* PATH SECONDS, on a read-only fd */
                struct timespec ts[2] = {{atol(argv[3]), 0}, {atol(argv[3]), 0}};
                if ((fd = open(argv[2], O_RDONLY)) < 0 || futimens(fd, ts) < 0)
                        return die("futimens");
        } else if (!strcmp(op, "fsetxattr") && argc == 5) { /* PATH NAME VALUE, on a read-only fd */
                if ((fd = open(argv[2], O_RDONLY)) < 0 || fsetxattr(fd, argv[3], argv[4], strlen(argv[4]), 0) < 0)
                        return die("fsetxattr");
        } else if (!strcmp(op, "ftruncate") && argc == 4) { /* PATH LEN, fd opened behind the shim's back */
                if ((fd = syscall(SYS_openat, AT_FDCWD, argv[2], O_RDWR)) < 0 || ftruncate(fd, atol(argv[3])) < 0)
                        return die("ftruncate");
        } else if (!strcmp(op, "spawn") && argc == 4) { /* PATH TEXT: posix_spawn echo >>PATH */
                posix_spawn_file_actions_t fa;
                char *args[] = {"echo", argv[3], NULL};
                extern char **environ;
                pid_t pid;
                int st;
                posix_spawn_file_actions_init(&fa);
                if ((errno = posix_spawn_file_actions_addopen(&fa, 1, argv[2], O_WRONLY | O_APPEND, 0)) ||
                    (errno = posix_spawnp(&pid, "echo", &fa, NULL, args, environ)) || waitpid(pid, &st, 0) < 0 || st)
                        return die("posix_spawn");
        } else if (!strcmp(op, "pathfd-chmod") && argc == 4) { /* PATH OCTAL: as systemd-tmpfiles does */
                char proc[64];
                if ((fd = open(argv[2], O_PATH | O_CLOEXEC)) < 0)
                        return die("open O_PATH");
                snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
                if (chmod(proc, strtoul(argv[3], 0, 8)) < 0)
                        return die("chmod /proc/self/fd/N");
        } else if (!strcmp(op, "pathfd-chown") && argc == 3) { /* PATH: fchownat(O_PATH fd, "", AT_EMPTY_PATH) */
                struct stat st;
                if ((fd = open(argv[2], O_PATH | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0 ||
                    fchownat(fd, "", st.st_uid, st.st_gid, AT_EMPTY_PATH) < 0)
                        return die("fchownat AT_EMPTY_PATH");
        } else if (!strcmp(op, "errno") && argc == 3) { /* PATH: a write-open that must fail ENOENT */
                errno = 0;
                if (open(argv[2], O_WRONLY) >= 0 || errno != ENOENT)
                        return errno = EPROTO, die("errno");
                if (fopen(argv[2], "r+") || errno != ENOENT)
                        return errno = EPROTO, die("errno from fopen");
        } else if (!strcmp(op, "open-loop") && argc == 5) { /* PATH N r|w: ns per open+close */
                long n = atol(argv[3]);
                int flags = argv[4][0] == 'w' ? O_WRONLY : O_RDONLY;
                double t = now();
                for (long i = 0; i < n; i++) {
                        if ((fd = open(argv[2], flags)) < 0)
                                return die("open");
                        close(fd);
                }
                printf("%.1f\n", (now() - t) * 1e9 / n);
        } else if (!strcmp(op, "break-loop") && argc == 4) { /* DIR N: ns per break of DIR/f0..fN-1 */
                long n = atol(argv[3]);
                char path[4096];
                double t = now();
                for (long i = 0; i < n; i++) {
                        snprintf(path, sizeof path, "%s/f%ld", argv[2], i);
                        if ((fd = open(path, O_WRONLY | O_APPEND)) < 0)
                                return die("open");
                        close(fd);
                }
                printf("%.1f\n", (now() - t) * 1e9 / n);
        } else {
                fprintf(stderr, "usage: cow-ops fopen|fopen64|freopen|creat|openat|fchmod|futimens|fsetxattr|"
                                "ftruncate|spawn|pathfd-chmod|pathfd-chown|errno|open-loop|break-loop ARGS...\n");
                return 2;
        }
        return 0;
}
