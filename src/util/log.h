/* Logging: one line per message on stderr, prefixed with the program's name. An error is
 * reported once, by the layer that knows the object (DESIGN.md §3.3). */
#pragma once

#include <stdbool.h>

#include "util/macro.h"

enum log_level { LOG_LEVEL_ERROR, LOG_LEVEL_WARNING, LOG_LEVEL_NOTICE, LOG_LEVEL_INFO, LOG_LEVEL_DEBUG };

void log_set_program(const char *name);
void log_set_max_level(enum log_level level);
enum log_level log_get_max_level(void);
/* Apply $USPAWN_LOG_LEVEL (error, warning, notice, info, debug) when set; it wins over -q. */
void log_parse_environment(void);

/* Print the message (with %m meaning strerror(-error)) and return error, which must be < 0 for
 * the *_errno forms so callers can write `return log_error_errno(r, ...)`. */
int log_full_errno(enum log_level level, int error, const char *fmt, ...) _printf_(3, 4);

#define log_error_errno(e, ...) log_full_errno(LOG_LEVEL_ERROR, (e), __VA_ARGS__)
#define log_warning_errno(e, ...) log_full_errno(LOG_LEVEL_WARNING, (e), __VA_ARGS__)
#define log_error(...) log_full_errno(LOG_LEVEL_ERROR, 0, __VA_ARGS__)
#define log_warning(...) log_full_errno(LOG_LEVEL_WARNING, 0, __VA_ARGS__)
#define log_notice(...) log_full_errno(LOG_LEVEL_NOTICE, 0, __VA_ARGS__)
#define log_info(...) log_full_errno(LOG_LEVEL_INFO, 0, __VA_ARGS__)
#define log_debug(...) log_full_errno(LOG_LEVEL_DEBUG, 0, __VA_ARGS__)
