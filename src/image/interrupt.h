/* SIGINT, SIGTERM and SIGHUP during an import: noted in a flag (not restarting system calls) so
 * the importer stops at the next entry or read and removes its temporary tree. */
#pragma once

#include <stdbool.h>

void import_catch_signals(void);
bool import_interrupted(void);
