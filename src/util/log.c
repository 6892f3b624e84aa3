/* Logging to stderr: "uspawn: message". The level threshold is set once by -q and by
 * $USPAWN_LOG_LEVEL (debug output needs no rebuild). */
#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *program = "uspawn";
static enum log_level max_level = LOG_LEVEL_INFO;

void log_set_program(const char *name)
{
        program = name;
}

void log_set_max_level(enum log_level level)
{
        max_level = level;
}

enum log_level log_get_max_level(void)
{
        return max_level;
}

void log_parse_environment(void)
{
        static const char *const names[] = {
                [LOG_LEVEL_ERROR] = "error", [LOG_LEVEL_WARNING] = "warning", [LOG_LEVEL_NOTICE] = "notice",
                [LOG_LEVEL_INFO] = "info",   [LOG_LEVEL_DEBUG] = "debug",
        };
        const char *e = getenv("USPAWN_LOG_LEVEL");

        for (size_t i = 0; e && i < sizeof names / sizeof names[0]; i++)
                if (strcmp(e, names[i]) == 0)
                        max_level = (enum log_level)i;
}

int log_full_errno(enum log_level level, int error, const char *fmt, ...)
{
        if (level <= max_level) {
                char buf[2048];
                va_list ap;
                int saved = errno;

                errno = error < 0 ? -error : error;
                va_start(ap, fmt);
                vsnprintf(buf, sizeof buf, fmt, ap); /* glibc expands %m from errno */
                va_end(ap);
                fprintf(stderr, "%s: %s\n", program, buf);
                errno = saved;
        }
        return error < 0 ? error : -error;
}
