/* The table of traced threads: one entry per thread id, each owning a talloc `life` context that
 * dies with it. A list is enough for the first step; lookups move the found entry to the front. */
#include <stdio.h>
#include <talloc.h>

#include "trace/trace.h"
#include "util/macro.h"

struct tracee *tracee_find(struct tracer *tr, pid_t tid)
{
        for (struct tracee **p = &tr->tracees; *p; p = &(*p)->next)
                if ((*p)->tid == tid) {
                        struct tracee *t = *p;
                        *p = t->next;
                        t->next = tr->tracees;
                        tr->tracees = t;
                        return t;
                }
        return NULL;
}

struct tracee *tracee_add(struct tracer *tr, pid_t tid)
{
        struct tracee *t = talloc_zero(tr->ctx, struct tracee);

        if (!t)
                return NULL;
        t->life = t;
        t->tid = tid;
        t->every_call = tr->plain;
        t->next = tr->tracees;
        tr->tracees = t;
        tr->n_tracees++;
        return t;
}

void tracee_remove(struct tracer *tr, struct tracee *t)
{
        for (struct tracee **p = &tr->tracees; *p; p = &(*p)->next)
                if (*p == t) {
                        *p = t->next;
                        tr->n_tracees--;
                        talloc_free(t);
                        return;
                }
}

pid_t tracee_tgid(struct tracee *t)
{
        char path[40], line[128];
        FILE *f;

        if (t->tgid)
                return t->tgid;
        snprintf(path, sizeof path, "/proc/%d/status", (int)t->tid);
        f = fopen(path, "re");
        while (f && fgets(line, sizeof line, f))
                if (sscanf(line, "Tgid: %d", &t->tgid) == 1)
                        break;
        if (f)
                fclose(f);
        if (!t->tgid)
                t->tgid = t->tid;
        return t->tgid;
}
