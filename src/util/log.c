/* Logging to stderr: "uspawn: message". The level threshold is set once by -q and by
 * $USPAWN_LOG_LEVEL (debug output needs no rebuild). */
#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
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
