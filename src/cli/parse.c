/* Value parsers for the command line and .nspawn files: bind and tmpfs specs, rlimits, signals,
 * capability lists, booleans. Each accepts exactly what systemd-nspawn accepts for the same key. */
#include "cli/parse.h"

#include <ctype.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/capability.h>
#include <talloc.h>

#include "util/macro.h"

int parse_boolean(const char *v)
{
        static const char *const yes[] = {"1", "yes", "y", "true", "t", "on"};
        static const char *const no[] = {"0", "no", "n", "false", "f", "off"};

        for (size_t i = 0; i < ELEMENTSOF(yes); i++) {
                if (strcasecmp(v, yes[i]) == 0)
                        return 1;
                if (strcasecmp(v, no[i]) == 0)
                        return 0;
        }
        return -EINVAL;
}

int split_colon_fields(void *ctx, const char *spec, char **fields, int max)
{
        int n = 0;
        char *cur = talloc_strdup(ctx, "");

        for (const char *p = spec;; p++) {
                if (*p == '\\' && (p[1] == ':' || p[1] == '\\')) {
                        cur = talloc_asprintf_append(cur, "%c", *++p);
                        continue;
                }
                if (*p == ':' || *p == '\0') {
                        if (n == max)
                                return -EINVAL;
                        fields[n++] = cur;
                        if (*p == '\0')
                                return n;
                        cur = talloc_strdup(ctx, "");
                        continue;
                }
                cur = talloc_asprintf_append(cur, "%c", *p);
        }
}

static bool path_is_normal_absolute(const char *p)
{
        if (p[0] != '/')
                return false;
        for (const char *c = p; (c = strstr(c, "..")); c += 2)
                if (c[-1] == '/' && (c[2] == '/' || c[2] == '\0'))
                        return false;
        return true;
}

int parse_bind_spec(void *ctx, const char *spec, bool read_only, struct bind_spec *ret, const char **ret_reason)
{
        char *f[3] = {NULL, NULL, NULL};
        int n = split_colon_fields(ctx, spec, f, 3);
        struct bind_spec b = {.read_only = read_only, .recursive = true};

        if (n < 0 || f[0][0] == '\0') {
                *ret_reason = "expected SRC[:DST[:OPTIONS]]";
                return -EINVAL;
        }
        if (f[0][0] == '+') {
                b.source_in_root = true;
                b.source = talloc_asprintf(ctx, "/%s", f[0] + 1 + (f[0][1] == '/'));
        } else
                b.source = f[0];
        if (!b.source_in_root && !path_is_normal_absolute(b.source)) {
                *ret_reason = "the source must be an absolute path, or +PATH relative to the root";
                return -EINVAL;
        }
        b.destination = n >= 2 && f[1][0] ? f[1] : b.source;
        if (!path_is_normal_absolute(b.destination)) {
                *ret_reason = "the destination must be an absolute path without '..'";
                return -EINVAL;
        }
        if (n == 3 && f[2][0]) {
                char *save = NULL;
                for (char *o = strtok_r(f[2], ",", &save); o; o = strtok_r(NULL, ",", &save)) {
                        if (streq(o, "rbind"))
                                b.recursive = true;
                        else if (streq(o, "norbind"))
                                b.recursive = false;
                        else {
                                *ret_reason = "the only options are rbind and norbind";
                                return -EINVAL;
                        }
                }
        }
        *ret = b;
        return 0;
}

int parse_tmpfs_spec(void *ctx, const char *spec, struct tmpfs_spec *ret, const char **ret_reason)
{
        char *f[2] = {NULL, NULL};
        int n = split_colon_fields(ctx, spec, f, 2);

        if (n < 0 || !path_is_normal_absolute(f[0])) {
                *ret_reason = "expected an absolute PATH[:OPTIONS]";
                return -EINVAL;
        }
        ret->destination = f[0];
        ret->options = n == 2 && f[1][0] ? f[1] : talloc_strdup(ctx, "mode=0755");
        return 0;
}

static const struct {
        const char *name;
        int resource;
} rlimit_names[] = {
        {"CPU", RLIMIT_CPU},           {"FSIZE", RLIMIT_FSIZE},
        {"DATA", RLIMIT_DATA},         {"STACK", RLIMIT_STACK},
        {"CORE", RLIMIT_CORE},         {"RSS", RLIMIT_RSS},
        {"NPROC", RLIMIT_NPROC},       {"NOFILE", RLIMIT_NOFILE},
        {"MEMLOCK", RLIMIT_MEMLOCK},   {"AS", RLIMIT_AS},
        {"LOCKS", RLIMIT_LOCKS},       {"SIGPENDING", RLIMIT_SIGPENDING},
        {"MSGQUEUE", RLIMIT_MSGQUEUE}, {"NICE", RLIMIT_NICE},
        {"RTPRIO", RLIMIT_RTPRIO},     {"RTTIME", RLIMIT_RTTIME},
};

static int parse_rlim_value(const char *v, rlim_t *ret)
{
        char *end;
        unsigned long long n;

        if (streq(v, "infinity") || streq(v, "unlimited")) {
                *ret = RLIM_INFINITY;
                return 0;
        }
        if (!isdigit((unsigned char)v[0]))
                return -EINVAL;
        errno = 0;
        n = strtoull(v, &end, 10);
        if (errno || *end)
                return -EINVAL;
        *ret = (rlim_t)n;
        return 0;
}

int parse_rlimit_spec(const char *spec, struct rlimit_spec *ret, const char **ret_reason)
{
        const char *eq = strchr(spec, '=');
        char name[32], soft[32], hard[32];
        const char *colon;
        struct rlimit_spec r = {.resource = -1};

        *ret_reason = "expected NAME=SOFT[:HARD], e.g. NOFILE=1024:4096 or NPROC=infinity";
        if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof name)
                return -EINVAL;
        snprintf(name, sizeof name, "%.*s", (int)(eq - spec), spec);
        for (size_t i = 0; i < ELEMENTSOF(rlimit_names); i++) {
                const char *n = startswith(name, "RLIMIT_") ? name + 7 : name;
                if (strcasecmp(n, rlimit_names[i].name) == 0) {
                        r.resource = rlimit_names[i].resource;
                        r.name = rlimit_names[i].name;
                }
        }
        if (r.resource < 0) {
                *ret_reason = "unknown resource name (CPU, NOFILE, NPROC, AS, CORE, ...)";
                return -EINVAL;
        }
        colon = strchr(eq + 1, ':');
        if (colon) {
                snprintf(soft, sizeof soft, "%.*s", (int)(colon - eq - 1), eq + 1);
                snprintf(hard, sizeof hard, "%s", colon + 1);
        } else {
                snprintf(soft, sizeof soft, "%s", eq + 1);
                snprintf(hard, sizeof hard, "%s", eq + 1);
        }
        if (parse_rlim_value(soft, &r.limit.rlim_cur) < 0 || parse_rlim_value(hard, &r.limit.rlim_max) < 0)
                return -EINVAL;
        if (r.limit.rlim_cur > r.limit.rlim_max) {
                *ret_reason = "the soft limit is above the hard limit";
                return -EINVAL;
        }
        *ret = r;
        return 0;
}

int parse_signal(const char *v)
{
        const char *n = startswith(v, "SIG") ? v + 3 : v;
        char *end;
        long num;

        if (isdigit((unsigned char)*v)) {
                num = strtol(v, &end, 10);
                return *end || num < 1 || num > SIGRTMAX ? -EINVAL : (int)num;
        }
        if (startswith(n, "RTMIN") || startswith(n, "RTMAX")) {
                bool min = n[3] == 'I';
                long off = 0;
                if (n[5] == '+' || n[5] == '-') {
                        off = strtol(n + 5, &end, 10);
                        if (*end)
                                return -EINVAL;
                } else if (n[5])
                        return -EINVAL;
                num = (min ? SIGRTMIN : SIGRTMAX) + off;
                return num < SIGRTMIN || num > SIGRTMAX ? -EINVAL : (int)num;
        }
        for (int sig = 1; sig < SIGRTMIN; sig++) {
                const char *abbrev = sigabbrev_np(sig);
                if (abbrev && strcasecmp(abbrev, n) == 0)
                        return sig;
        }
        return -EINVAL;
}

int parse_capability_list(const char *v, uint64_t *ret_mask, const char **ret_reason)
{
        _cleanup_free_ char *copy = strdup(v);
        char *save = NULL;
        uint64_t mask = 0;

        if (!copy)
                return -ENOMEM;
        for (char *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
                cap_value_t cap;
                char name[64];

                if (strcasecmp(w, "all") == 0) {
                        mask = UINT64_MAX;
                        continue;
                }
                snprintf(name, sizeof name, "%s%s", strncasecmp(w, "CAP_", 4) == 0 ? "" : "cap_", w);
                if (cap_from_name(name, &cap) < 0 || cap > 63) {
                        *ret_reason = "unknown capability name (e.g. CAP_NET_ADMIN, SYS_TIME, all)";
                        return -EINVAL;
                }
                mask |= UINT64_C(1) << cap;
        }
        *ret_mask = mask;
        return 0;
}

int parse_setenv(void *ctx, const char *v, char **ret_assignment, const char **ret_reason)
{
        const char *eq = strchr(v, '=');
        size_t n = eq ? (size_t)(eq - v) : strlen(v);

        *ret_reason = "expected VAR=VALUE or VAR with a valid variable name";
        if (n == 0 || isdigit((unsigned char)v[0]))
                return -EINVAL;
        for (size_t i = 0; i < n; i++)
                if (!isalnum((unsigned char)v[i]) && v[i] != '_')
                        return -EINVAL;
        if (eq) {
                *ret_assignment = talloc_strdup(ctx, v);
                return 0;
        }
        /* nspawn passes the variable through from its own environment when there is no '=' */
        if (!getenv(v)) {
                *ret_reason = "no '=VALUE' given and the variable is not set in uspawn's environment";
                return -EINVAL;
        }
        *ret_assignment = talloc_asprintf(ctx, "%s=%s", v, getenv(v));
        return 0;
}

bool machine_name_is_valid(const char *name)
{
        size_t n = strlen(name);

        if (n == 0 || n > 64 || name[0] == '-' || name[0] == '.')
                return false;
        for (size_t i = 0; i < n; i++)
                if (!isalnum((unsigned char)name[i]) && !strchr("-_.", name[i]))
                        return false;
        return true;
}

static int parse_port_number(const char *v, uint16_t *ret)
{
        char *end;
        unsigned long n;

        if (!v[0] || !strchr("0123456789", v[0]))
                return -EINVAL;
        errno = 0;
        n = strtoul(v, &end, 10);
        if (errno || *end || n < 1 || n > 65535)
                return -EINVAL;
        *ret = (uint16_t)n;
        return 0;
}

int parse_port_spec(const char *spec, struct port_spec *ret, const char **ret_reason)
{
        struct port_spec p = {.protocol = IPPROTO_TCP};
        char copy[64], *host, *container;

        if (strlen(spec) >= sizeof copy)
                goto invalid;
        snprintf(copy, sizeof copy, "%s", spec);
        host = copy;
        if (startswith(host, "tcp:"))
                host += 4;
        else if (startswith(host, "udp:")) {
                p.protocol = IPPROTO_UDP;
                host += 4;
        }
        container = strchr(host, ':');
        if (container)
                *container++ = '\0';
        if (parse_port_number(host, &p.host_port) < 0 ||
            parse_port_number(container ? container : host, &p.container_port) < 0)
                goto invalid;
        *ret = p;
        return 0;
invalid:
        *ret_reason = "expected [tcp|udp:]HOSTPORT[:CONTAINERPORT] with ports 1-65535";
        return -EINVAL;
}
