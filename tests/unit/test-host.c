/* Unit tests for the host probe's parsers: the [vsyscall] line of /proc/PID/maps and
 * /etc/subuid-style files. No kernel features needed; prints "ok - name" / "not ok - name". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "util/macro.h"
#include "unit.h"

static const char maps_head[] =
        "55d0c0a00000-55d0c0a02000 r--p 00000000 08:01 1048602                    /usr/bin/cat\n"
        "7ffc2a5e1000-7ffc2a602000 rw-p 00000000 00:00 0                          [stack]\n"
        "7ffc2a7f2000-7ffc2a7f4000 r-xp 00000000 00:00 0                          [vdso]\n";

static void test_vsyscall(void)
{
        char text[1024];

        check(host_parse_vsyscall(maps_head) == VSYSCALL_NONE, "vsyscall absent is none");

        snprintf(text, sizeof text,
                 "%sffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0"
                 "                  [vsyscall]\n",
                 maps_head);
        check(host_parse_vsyscall(text) == VSYSCALL_XONLY, "vsyscall --xp is xonly");

        snprintf(text, sizeof text,
                 "%sffffffffff600000-ffffffffff601000 r-xp 00000000 00:00 0"
                 "                  [vsyscall]",
                 maps_head); /* no final \n */
        check(host_parse_vsyscall(text) == VSYSCALL_EMULATE, "vsyscall r-xp is emulate");

        check(host_parse_vsyscall("") == VSYSCALL_NONE, "empty maps is none");
        check(host_parse_vsyscall(NULL) == VSYSCALL_UNKNOWN, "NULL maps is unknown");
        check(host_parse_vsyscall("7f00-7f01 r-xp 0 00:00 0 /tmp/[vsyscall]x\n") == VSYSCALL_NONE,
              "a file named like [vsyscall] is not the page");
        check(streq(vsyscall_mode_to_string(VSYSCALL_XONLY), "xonly") &&
                      streq(vsyscall_mode_to_string(VSYSCALL_NONE), "none") &&
                      streq(vsyscall_mode_to_string(VSYSCALL_EMULATE), "emulate"),
              "vsyscall mode names");
}

static char *write_temp(const char *text)
{
        char *path = strdup("/tmp/test-host-XXXXXX");
        int fd = mkstemp(path);

        if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
                abort();
        close(fd);
        return path;
}

static void test_subid(void)
{
        struct subid_range r = {.start = 7, .count = 7};
        char *path;

        path = write_temp("# comment\n"
                          "\n"
                          "alice:100000:65536\n"
                          "bob:200000:65536\n"
                          "1001:300000:65536\n");
        check(host_read_subid(path, "bob", 1000, &r) == 0 && r.start == 200000 && r.count == 65536,
              "subid matched by name");
        check(host_read_subid(path, "carol", 1001, &r) == 0 && r.start == 300000 && r.count == 65536,
              "subid matched by numeric uid");
        check(host_read_subid(path, NULL, 1001, &r) == 0 && r.start == 300000,
              "subid matched by uid without a user name");
        r = (struct subid_range){.start = 7, .count = 7};
        check(host_read_subid(path, "dave", 1002, &r) == -ENOENT && r.start == 7 && r.count == 7,
              "subid no entry is -ENOENT and leaves the output alone");
        unlink(path);
        free(path);

        path = write_temp("alice\n"
                          "alice:abc:65536\n"
                          "alice:100000:\n"
                          "alice:-5:65536\n"
                          "alice:100000:0\n"
                          "alice:4294967295:2\n"
                          "alice:1:2:3\n"
                          ":100000:65536\n"
                          "alice:500000:1000\r\n"
                          "alice:600000:65536\n");
        check(host_read_subid(path, "alice", 1000, &r) == 0 && r.start == 600000 && r.count == 65536,
              "subid skips malformed lines and prefers a full 65536 range");
        unlink(path);
        free(path);

        path = write_temp("alice:500000:1000\r\nalice:abc\n");
        check(host_read_subid(path, "alice", 1000, &r) == 0 && r.start == 500000 && r.count == 1000,
              "subid falls back to the first small range");
        unlink(path);
        free(path);

        path = write_temp("alice:1:2:3\nalice\n");
        check(host_read_subid(path, "alice", 1000, &r) == -ENOENT, "subid only malformed lines");
        unlink(path);
        free(path);

        check(host_read_subid("/nonexistent/subuid", "alice", 1000, &r) == -ENOENT, "subid missing file is -ENOENT");
}

int main(void)
{
        test_vsyscall();
        test_subid();
        return unit_exit();
}
