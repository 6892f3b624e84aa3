/* uspawn's command line: the option table (spellings, help, handler) and its parser. */
#pragma once

#include "settings.h"

enum parse_result { PARSE_RUN, PARSE_EXIT_SUCCESS };

/* Fill s from argv. Returns PARSE_RUN, PARSE_EXIT_SUCCESS (after --help/--version), or -errno
 * after printing one line saying which option was wrong. */
int options_parse(struct settings *s, int argc, char *argv[]);
