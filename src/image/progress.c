/* Progress lines, at most ten a second, only when stderr is a terminal. */
#include "image/progress.h"

#include <stdio.h>
#include <unistd.h>

static void show(struct progress *p)
{
        fprintf(stderr, "\r\033[K%s: %llu entries, %.1f MB", p->label, (unsigned long long)p->entries,
                (double)p->bytes / 1e6);
}

void progress_start(struct progress *p, const char *label)
{
        *p = (struct progress){.enabled = isatty(STDERR_FILENO), .label = label};
        clock_gettime(CLOCK_MONOTONIC, &p->last);
}

void progress_add(struct progress *p, uint64_t bytes, uint64_t entries)
{
        struct timespec now;

        p->bytes += bytes;
        p->entries += entries;
        if (!p->enabled)
                return;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((now.tv_sec - p->last.tv_sec) * 1000 + (now.tv_nsec - p->last.tv_nsec) / 1000000 < 100)
                return;
        p->last = now;
        show(p);
}

void progress_end(struct progress *p)
{
        if (!p->enabled)
                return;
        show(p);
        fputc('\n', stderr);
}
