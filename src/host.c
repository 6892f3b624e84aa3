/* The host probe's front: the feature table, the parsers for /proc/self/maps and /etc/subuid,
 * the subordinate-id probe, the helpers every probe shares, and host_probe_all(). The probes
 * themselves live in host-userns.c, host-seccomp.c and host-system.c. */
#include "host.h"

#include <ctype.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "host-internal.h"

#define FEATURE(k, l)                                                                                                  \
        {                                                                                                              \
                .key = #k, .label = l, .offset = offsetof(struct host, k)                                              \
        }
const struct host_feature_info host_feature_table[] = {
        FEATURE(userns, "user namespaces"),
        FEATURE(overlay_userns, "overlayfs in userns"),
        FEATURE(newuidmap, "newuidmap/newgidmap"),
        FEATURE(subuid, "subordinate ids"),
        FEATURE(seccomp_notify, "seccomp user-notify"),
        FEATURE(seccomp_addfd, "seccomp ADDFD"),
        FEATURE(ptrace, "ptrace"),
        FEATURE(vsyscall, "vsyscall"),
        FEATURE(fuse, "FUSE"),
        FEATURE(tun, "TUN"),
        FEATURE(cgroup_delegation, "cgroup delegation"),
        FEATURE(pasta, "pasta/slirp4netns"),
};
#undef FEATURE
const size_t host_feature_table_size = ELEMENTSOF(host_feature_table);

void host_feature_set(struct host_feature *f, bool ok, const char *fmt, ...)
{
        va_list ap;

        f->ok = ok;
        va_start(ap, fmt);
        vsnprintf(f->detail, sizeof f->detail, fmt, ap);
        va_end(ap);
}

/* ---- parsers ---------------------------------------------------------------------------- */

enum vsyscall_mode host_parse_vsyscall(const char *maps_text)
{
        const char *line = maps_text;

        if (!maps_text)
                return VSYSCALL_UNKNOWN;

        while (*line) {
                const char *end = strchrnul(line, '\n');
                const char *name = end;
                char perms[5] = "";

                /* The pathname is the last field; compare it without trailing blanks. */
                while (name > line && isspace((unsigned char)name[-1]))
                        name--;
                if (name - line > 10 && memcmp(name - 10, "[vsyscall]", 10) == 0 && isspace((unsigned char)name[-11])) {
                        /* "start-end perms offset dev inode [vsyscall]" */
                        if (sscanf(line, "%*[0-9a-fA-F]-%*[0-9a-fA-F] %4s", perms) == 1) {
                                if (perms[0] == 'r')
                                        return VSYSCALL_EMULATE;
                                if (perms[2] == 'x')
                                        return VSYSCALL_XONLY;
                        }
                        return VSYSCALL_NONE; /* mapped but neither readable nor executable */
                }
                line = *end ? end + 1 : end;
        }
        return VSYSCALL_NONE;
}

const char *vsyscall_mode_to_string(enum vsyscall_mode m)
{
        static const char *const names[] = {
                [VSYSCALL_NONE] = "none",
                [VSYSCALL_XONLY] = "xonly",
                [VSYSCALL_EMULATE] = "emulate",
                [VSYSCALL_UNKNOWN] = "unknown",
        };
        return (unsigned)m < ELEMENTSOF(names) ? names[m] : "unknown";
}

/* A decimal number with nothing else in it, fitting in 32 bits. */
static int parse_id(const char *s, unsigned long *ret)
{
        char *end;
        unsigned long v;

        if (!isdigit((unsigned char)*s))
                return -EINVAL;
        errno = 0;
        v = strtoul(s, &end, 10);
        if (errno || *end || v > UINT32_MAX)
                return -EINVAL;
        *ret = v;
        return 0;
}

/* One "name:start:count" line; returns 0 when it names the user, -ENOENT when it names someone
 * else, -EINVAL when malformed. Modifies line. */
static int parse_subid_line(char *line, const char *user, uid_t uid, struct subid_range *ret)
{
        char *fields[3], *p = line;
        unsigned long owner, start, count;
        size_t i;

        line[strcspn(line, "\r\n")] = 0;
        for (i = 0; i < ELEMENTSOF(fields); i++) {
                fields[i] = strsep(&p, ":");
                if (!fields[i])
                        return -EINVAL;
        }
        if (p || !*fields[0]) /* a fourth field */
                return -EINVAL;
        if (parse_id(fields[1], &start) < 0 || parse_id(fields[2], &count) < 0 || count == 0 ||
            start + count - 1 > UINT32_MAX)
                return -EINVAL;

        if (!(user && streq(fields[0], user)) && !(parse_id(fields[0], &owner) >= 0 && owner == (unsigned long)uid))
                return -ENOENT;

        *ret = (struct subid_range){.start = start, .count = count};
        return 0;
}

int host_read_subid(const char *file, const char *user, uid_t uid, struct subid_range *ret)
{
        _cleanup_free_ char *line = NULL;
        struct subid_range first = {}, r;
        size_t n = 0;
        FILE *f;

        f = fopen(file, "re");
        if (!f)
                return -errno;

        while (getline(&line, &n, f) >= 0) {
                const char *s = line + strspn(line, " \t");

                if (*s == '#' || *s == '\n' || *s == 0)
                        continue;
                if (parse_subid_line(line, user, uid, &r) < 0)
                        continue;
                if (r.count >= 65536) {
                        first = r;
                        break;
                }
                if (first.count == 0)
                        first = r;
        }
        fclose(f);

        if (first.count == 0)
                return -ENOENT;
        *ret = first;
        return 0;
}

/* ---- shared helpers --------------------------------------------------------------------- */

int host_find_program(const char *name, char *ret, size_t n)
{
        static const char *const fallback = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        const char *lists[] = {getenv("PATH"), fallback};

        for (size_t l = 0; l < ELEMENTSOF(lists); l++) {
                const char *p = lists[l];

                while (p && *p) {
                        size_t len = strcspn(p, ":");
                        char path[PATH_MAX];

                        if (len > 0 &&
                            (size_t)snprintf(path, sizeof path, "%.*s/%s", (int)len, p, name) < sizeof path &&
                            access(path, X_OK) == 0) {
                                if ((size_t)snprintf(ret, n, "%s", path) >= n)
                                        return -ENAMETOOLONG;
                                return 0;
                        }
                        p += len;
                        if (*p == ':')
                                p++;
                }
        }
        return -ENOENT;
}

int host_read_sysctl_long(const char *path, long *ret)
{
        char buf[64], *end;
        ssize_t k;
        long v;
        _cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);

        if (fd < 0)
                return -errno;
        k = read(fd, buf, sizeof buf - 1);
        if (k < 0)
                return -errno;
        buf[k] = 0;
        errno = 0;
        v = strtol(buf, &end, 10);
        if (errno || end == buf)
                return -EINVAL;
        *ret = v;
        return 0;
}

int host_seccomp_mode(void)
{
        _cleanup_free_ char *line = NULL;
        size_t n = 0;
        int mode = -ENOENT;
        FILE *f = fopen("/proc/self/status", "re");

        if (!f)
                return -errno;
        while (getline(&line, &n, f) >= 0)
                if (startswith(line, "Seccomp:")) {
                        mode = atoi(line + strlen("Seccomp:"));
                        break;
                }
        fclose(f);
        return mode;
}

struct child_result {
        int r;
        int stage;
};

int host_run_child(host_child_fn fn, void *userdata, int *ret_stage)
{
        struct child_result res = {.r = -EPIPE, .stage = -1};
        int fds[2], status;
        pid_t pid;

        if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) < 0) {
                *ret_stage = -1;
                return -errno;
        }
        pid = fork();
        if (pid < 0) {
                int r = -errno;
                close(fds[0]);
                close(fds[1]);
                *ret_stage = -1;
                return r;
        }
        if (pid == 0) {
                struct child_result c = {.stage = 0};

                close(fds[0]);
                c.r = fn(userdata, &c.stage);
                (void)!write(fds[1], &c, sizeof c);
                _exit(c.r < 0 ? 1 : 0);
        }
        close(fds[1]);
        if (read(fds[0], &res, sizeof res) != sizeof res)
                res = (struct child_result){.r = -EPIPE, .stage = -1};
        close(fds[0]);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
        *ret_stage = res.stage;
        return res.r;
}

/* ---- subordinate ids -------------------------------------------------------------------- */

int host_probe_subid(struct host *h)
{
        char name[256] = "";
        struct passwd pw, *found = NULL;
        char buf[4096];
        uid_t uid = geteuid();
        int ru, rg;

        if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) == 0 && found)
                snprintf(name, sizeof name, "%s", pw.pw_name);
        else
                snprintf(name, sizeof name, "%u", (unsigned)uid);

        h->subuid_range = h->subgid_range = (struct subid_range){};
        ru = host_read_subid("/etc/subuid", found ? name : NULL, uid, &h->subuid_range);
        rg = host_read_subid("/etc/subgid", found ? name : NULL, uid, &h->subgid_range);

        if (ru < 0 || rg < 0) {
                const char *file = ru < 0 ? "/etc/subuid" : "/etc/subgid";
                int r = ru < 0 ? ru : rg;

                if (r == -ENOENT && access(file, F_OK) == 0)
                        host_feature_set(&h->subuid, false,
                                         "no range for %s in %s (ask an admin: usermod "
                                         "--add-subuids 100000-165535 --add-subgids "
                                         "100000-165535 %s)",
                                         name, file, name);
                else
                        host_feature_set(&h->subuid, false,
                                         "cannot read %s: %s (apt-get install uidmap; then "
                                         "usermod --add-subuids/--add-subgids)",
                                         file, strerror(-r));
                return r;
        }

        if (h->subuid_range.start == h->subgid_range.start && h->subuid_range.count == h->subgid_range.count)
                host_feature_set(&h->subuid, true, "%lu-%lu (%lu ids)", h->subuid_range.start,
                                 h->subuid_range.start + h->subuid_range.count - 1, h->subuid_range.count);
        else
                host_feature_set(&h->subuid, true, "uids %lu-%lu (%lu ids), gids %lu-%lu (%lu ids)",
                                 h->subuid_range.start, h->subuid_range.start + h->subuid_range.count - 1,
                                 h->subuid_range.count, h->subgid_range.start,
                                 h->subgid_range.start + h->subgid_range.count - 1, h->subgid_range.count);
        return 0;
}

/* ---- everything ------------------------------------------------------------------------- */

void host_probe_all(struct host *h)
{
        *h = (struct host){.vsyscall_mode = VSYSCALL_UNKNOWN};

        (void)host_probe_userns(h);
        (void)host_probe_overlay(h);
        host_probe_newuidmap(h);
        (void)host_probe_subid(h);
        host_probe_seccomp(h);
        host_probe_ptrace(h);
        host_probe_vsyscall(h);
        host_probe_fuse(h);
        host_probe_tun(h);
        host_probe_cgroup(h);
        host_probe_pasta(h);
}
