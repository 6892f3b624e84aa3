/* Unit tests for the /dev/log line format: priority dropped, machine name prefixed, trailing
 * newline and NULs trimmed, control characters made visible. */
#include <string.h>

#include "supervise/syslog.h"
#include "unit.h"

static const char *fmt(const char *msg, size_t len)
{
        static char out[256];

        syslog_format_line("web", msg, len, out, sizeof out);
        return out;
}

int main(void)
{
        check(strcmp(fmt("<13>Nov 23 01:11:06 hello: world", 32), "web: Nov 23 01:11:06 hello: world\n") == 0,
              "priority dropped, machine prefixed");
        check(strcmp(fmt("<190>x: y\n", 10), "web: x: y\n") == 0, "three-digit priority and trailing newline");
        check(strcmp(fmt("no priority", 11), "web: no priority\n") == 0, "no priority kept as is");
        check(strcmp(fmt("<13>a\x1b[31mb", 11), "web: a?[31mb\n") == 0, "escape characters cannot reach the terminal");
        check(strcmp(fmt("<13>msg\0\0", 9), "web: msg\n") == 0, "trailing NULs trimmed");
        check(strcmp(fmt("<1x>a", 5), "web: <1x>a\n") == 0, "a malformed priority is kept");
        return unit_exit();
}
