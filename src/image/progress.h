/* Import progress on a terminal: bytes and entries of the current layer, one line rewritten in
 * place on stderr; nothing when stderr is not a terminal. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct progress {
        bool enabled;
        const char *label;
        uint64_t bytes, entries;
        struct timespec last;
};

void progress_start(struct progress *p, const char *label);
void progress_add(struct progress *p, uint64_t bytes, uint64_t entries);
void progress_end(struct progress *p);
