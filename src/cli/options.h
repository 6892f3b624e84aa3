/* uspawn's command line: the option table (spellings, help, handler) and its parser. */
#pragma once

#include "settings.h"

enum parse_result { PARSE_RUN, PARSE_EXIT_SUCCESS };

/* Fill s from argv. Returns PARSE_RUN, PARSE_EXIT_SUCCESS (after --help/--version), or -errno
 * after printing one line saying which option was wrong. */
int options_parse(struct settings *s, int argc, char *argv[]);

/* Apply one option by its long name, as a .nspawn key does: unless the command line gave it.
 * value NULL for a flag. Returns 1 when applied, 0 when the command line's value stands,
 * -ENOENT for an unknown name, -EINVAL with *ret_reason for a bad value. */
int options_apply(struct settings *s, const char *name, const char *value, const char **ret_reason);
