/* Unit tests for the option value parsers: bind and tmpfs specs, rlimits, signals,
 * capability lists, booleans, -E assignments and machine names. */
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/capability.h>
#include <talloc.h>

#include "cli/parse.h"
#include "unit.h"

static void test_bind(void *ctx)
{
        struct bind_spec b;
        const char *why = NULL;

        check(parse_bind_spec(ctx, "/src", false, &b, &why) == 0 && strcmp(b.destination, "/src") == 0 && b.recursive,
              "bind SRC alone binds on the same path, recursively");
        check(parse_bind_spec(ctx, "/a:/b:norbind", true, &b, &why) == 0 && strcmp(b.source, "/a") == 0 &&
                      strcmp(b.destination, "/b") == 0 && !b.recursive && b.read_only,
              "bind-ro SRC:DST:norbind");
        check(parse_bind_spec(ctx, "+var/data:/data", false, &b, &why) == 0 && b.source_in_root &&
                      strcmp(b.source, "/var/data") == 0,
              "+SRC is relative to the root");
        check(parse_bind_spec(ctx, "/with\\:colon:/dst", false, &b, &why) == 0 && strcmp(b.source, "/with:colon") == 0,
              "an escaped colon stays in the path");
        check(parse_bind_spec(ctx, "relative:/dst", false, &b, &why) == -EINVAL && why, "a relative source is refused");
        check(parse_bind_spec(ctx, "/a:dst", false, &b, &why) == -EINVAL, "a relative destination is refused");
        check(parse_bind_spec(ctx, "/a:/x/../y", false, &b, &why) == -EINVAL, "'..' in the destination is refused");
        check(parse_bind_spec(ctx, "/a:/b:rw", false, &b, &why) == -EINVAL, "unknown bind option is refused");
        check(parse_bind_spec(ctx, "/a:/b:c:d", false, &b, &why) == -EINVAL, "four fields are refused");
        check(parse_bind_spec(ctx, "", false, &b, &why) == -EINVAL, "empty spec is refused");
}

static void test_tmpfs(void *ctx)
{
        struct tmpfs_spec t;
        const char *why = NULL;

        check(parse_tmpfs_spec(ctx, "/mnt", &t, &why) == 0 && strcmp(t.options, "mode=0755") == 0,
              "tmpfs default mode");
        check(parse_tmpfs_spec(ctx, "/mnt:size=1m,mode=0700", &t, &why) == 0 &&
                      strcmp(t.options, "size=1m,mode=0700") == 0,
              "tmpfs options kept");
        check(parse_tmpfs_spec(ctx, "mnt", &t, &why) == -EINVAL, "tmpfs relative path refused");
}

static void test_rlimit(void)
{
        struct rlimit_spec r;
        const char *why = NULL;

        check(parse_rlimit_spec("NOFILE=100:200", &r, &why) == 0 && r.resource == RLIMIT_NOFILE &&
                      r.limit.rlim_cur == 100 && r.limit.rlim_max == 200,
              "NOFILE=SOFT:HARD");
        check(parse_rlimit_spec("RLIMIT_NPROC=infinity", &r, &why) == 0 && r.resource == RLIMIT_NPROC &&
                      r.limit.rlim_cur == RLIM_INFINITY && r.limit.rlim_max == RLIM_INFINITY,
              "RLIMIT_ prefix and infinity");
        check(parse_rlimit_spec("core=0", &r, &why) == 0 && r.resource == RLIMIT_CORE, "names are case-insensitive");
        check(parse_rlimit_spec("FOO=1", &r, &why) == -EINVAL, "unknown resource refused");
        check(parse_rlimit_spec("NOFILE=200:100", &r, &why) == -EINVAL, "soft above hard refused");
        check(parse_rlimit_spec("NOFILE=abc", &r, &why) == -EINVAL, "non-number refused");
        check(parse_rlimit_spec("NOFILE", &r, &why) == -EINVAL, "missing value refused");
}

static void test_signal(void)
{
        check(parse_signal("SIGTERM") == SIGTERM, "SIGTERM");
        check(parse_signal("INT") == SIGINT, "INT without SIG");
        check(parse_signal("9") == SIGKILL, "number");
        check(parse_signal("RTMIN+3") == SIGRTMIN + 3, "RTMIN+3");
        check(parse_signal("SIGRTMAX-1") == SIGRTMAX - 1, "SIGRTMAX-1");
        check(parse_signal("FOO") == -EINVAL, "unknown name refused");
        check(parse_signal("0") == -EINVAL, "zero refused");
        check(parse_signal("RTMIN+999") == -EINVAL, "RT out of range refused");
}

static void test_caps(void)
{
        uint64_t m = 0;
        const char *why = NULL;

        check(parse_capability_list("CAP_NET_ADMIN,sys_time", &m, &why) == 0 &&
                      m == ((UINT64_C(1) << CAP_NET_ADMIN) | (UINT64_C(1) << CAP_SYS_TIME)),
              "capability names with and without CAP_");
        check(parse_capability_list("all", &m, &why) == 0 && m == UINT64_MAX, "all");
        check(parse_capability_list("CAP_BOGUS", &m, &why) == -EINVAL, "unknown capability refused");
}

static void test_misc(void *ctx)
{
        char *a = NULL;
        const char *why = NULL;

        check(parse_boolean("yes") == 1 && parse_boolean("off") == 0 && parse_boolean("maybe") == -EINVAL, "booleans");
        check(parse_setenv(ctx, "A=b=c", &a, &why) == 0 && strcmp(a, "A=b=c") == 0, "setenv keeps '=' in the value");
        setenv("UNIT_PASS", "through", 1);
        check(parse_setenv(ctx, "UNIT_PASS", &a, &why) == 0 && strcmp(a, "UNIT_PASS=through") == 0,
              "setenv without = passes the variable through");
        unsetenv("UNIT_UNSET");
        check(parse_setenv(ctx, "UNIT_UNSET", &a, &why) == -EINVAL, "setenv of an unset variable refused");
        check(parse_setenv(ctx, "1X=1", &a, &why) == -EINVAL, "bad variable name refused");
        check(machine_name_is_valid("deb-12.x_1") && !machine_name_is_valid("-x") && !machine_name_is_valid("a/b") &&
                      !machine_name_is_valid(""),
              "machine names");
}

static void test_port(void)
{
        struct port_spec p;
        const char *why = NULL;

        check(parse_port_spec("8080", &p, &why) == 0 && p.protocol == IPPROTO_TCP && p.host_port == 8080 &&
                      p.container_port == 8080,
              "port: HOSTPORT alone is tcp, same port inside");
        check(parse_port_spec("tcp:8080:80", &p, &why) == 0 && p.host_port == 8080 && p.container_port == 80,
              "port: tcp:HOST:CONTAINER");
        check(parse_port_spec("udp:5353:53", &p, &why) == 0 && p.protocol == IPPROTO_UDP && p.container_port == 53,
              "port: udp");
        check(parse_port_spec("8080:80", &p, &why) == 0 && p.container_port == 80, "port: HOST:CONTAINER");
        check(parse_port_spec("sctp:1:2", &p, &why) == -EINVAL && why, "port: unknown protocol refused");
        check(parse_port_spec("0", &p, &why) == -EINVAL, "port: 0 refused");
        check(parse_port_spec("65536", &p, &why) == -EINVAL, "port: above 65535 refused");
        check(parse_port_spec("80:", &p, &why) == -EINVAL, "port: empty container port refused");
        check(parse_port_spec("-1", &p, &why) == -EINVAL, "port: negative refused");
        check(parse_port_spec("1:2:3", &p, &why) == -EINVAL, "port: three numbers refused");
}

int main(void)
{
        void *ctx = talloc_new(NULL);
        test_port();

        test_bind(ctx);
        test_tmpfs(ctx);
        test_rlimit();
        test_signal();
        test_caps();
        test_misc(ctx);
        talloc_free(ctx);
        return unit_exit();
}
