/* A small open-addressing hash of thread ids. Lazy inheritance has a window: a child that makes
 * its first emulated call after its parent changed ids again, or after the parent exited (it is
 * then the child of the container's init), takes the ids the parent has then, not those it had
 * at the fork. Daemons drop ids before forking their workers, so the common orders come out
 * right. Entries of processes that are gone are dropped every PRUNE_EVERY insertions; a start
 * time that no longer matches tells a reused pid. */
#include "fakeroot/proctable.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "util/fs.h"

#define PRUNE_EVERY 512
#define MAX_ANCESTRY 64

struct proctable {
        struct fake_proc *slots;
        size_t n_slots; /* a power of two */
        size_t used;
        size_t inserted_since_prune;
        pid_t self; /* the supervisor: the ancestry of a container's processes ends there */
};

static int destroy(struct proctable *t)
{
        free(t->slots);
        return 0;
}

struct proctable *proctable_new(void *ctx)
{
        struct proctable *t = talloc_zero(ctx, struct proctable);

        if (!t)
                return NULL;
        t->self = getpid();
        t->n_slots = 256;
        t->slots = calloc(t->n_slots, sizeof *t->slots);
        if (!t->slots)
                return talloc_free(t), NULL;
        talloc_set_destructor(t, destroy);
        return t;
}

size_t proctable_size(const struct proctable *t)
{
        return t->used;
}

static size_t slot_of(const struct proctable *t, pid_t tid)
{
        return ((size_t)tid * 2654435761u) & (t->n_slots - 1);
}

static struct fake_proc *find(struct proctable *t, pid_t tid)
{
        for (size_t i = slot_of(t, tid), n = 0; n < t->n_slots; i = (i + 1) & (t->n_slots - 1), n++) {
                if (t->slots[i].tid == tid)
                        return &t->slots[i];
                if (t->slots[i].tid == 0)
                        return NULL;
        }
        return NULL;
}

static struct fake_proc *insert_slot(struct proctable *t, pid_t tid)
{
        size_t i = slot_of(t, tid);

        while (t->slots[i].tid != 0)
                i = (i + 1) & (t->n_slots - 1);
        t->slots[i].tid = tid;
        t->used++;
        return &t->slots[i];
}

/* Rebuild the table with only the entries accepted by keep (NULL: all), in n_slots slots. */
static int rebuild(struct proctable *t, size_t n_slots, bool (*keep)(const struct fake_proc *))
{
        struct fake_proc *old = t->slots;
        size_t old_n = t->n_slots;

        t->slots = calloc(n_slots, sizeof *t->slots);
        if (!t->slots) {
                t->slots = old;
                return -ENOMEM;
        }
        t->n_slots = n_slots;
        t->used = 0;
        for (size_t i = 0; i < old_n; i++)
                if (old[i].tid && (!keep || keep(&old[i])))
                        *insert_slot(t, old[i].tid) = old[i];
        free(old);
        return 0;
}

/* Fields 22 (starttime) of /proc/TID/stat; the command name (field 2) may hold spaces and
 * parentheses, so count from the last ')'. 0 when the process is gone. */
static unsigned long long start_time(pid_t tid)
{
        char path[64], buf[1024], *p;
        unsigned long long v = 0;

        snprintf(path, sizeof path, "/proc/%d/stat", (int)tid);
        if (read_small_file(path, buf, sizeof buf) < 0 || !(p = strrchr(buf, ')')))
                return 0;
        /* p is at the ')' closing field 2; step N (from 3) moves to the space before field N:
         * the last, 22, is starttime */
        for (int field = 3; field <= 22 && p; field++)
                p = strchr(p + 1, ' ');
        if (p)
                v = strtoull(p + 1, NULL, 10);
        return v;
}

static bool still_running(const struct fake_proc *p)
{
        return start_time(p->tid) == p->started;
}

/* The last (innermost) number of a "NSpid:"-like line of a status text, or 0. */
static pid_t innermost(const char *status, const char *key)
{
        const char *p = strstr(status, key), *end, *last;

        if (!p)
                return 0;
        p += strlen(key);
        end = strchr(p, '\n');
        last = p;
        for (const char *q = p; *q && (!end || q < end); q++)
                if (*q == '\t' || *q == ' ')
                        last = q + 1;
        return (pid_t)atoi(last);
}

/* Tgid and PPid of tid, from /proc/TID/status (and its ids inside, when asked). */
static int read_lineage(pid_t tid, pid_t *tgid, pid_t *ppid, struct fake_proc *inside)
{
        char path[64], buf[4096], *p;

        snprintf(path, sizeof path, "/proc/%d/status", (int)tid);
        if (read_small_file(path, buf, sizeof buf) < 0)
                return -ESRCH;
        if (inside) {
                inside->inside_tid = innermost(buf, "\nNSpid:");
                inside->inside_tgid = innermost(buf, "\nNStgid:");
        }
        p = strstr(buf, "\nTgid:");
        if (!p)
                return -EIO;
        *tgid = (pid_t)atoi(p + 6);
        p = strstr(buf, "\nPPid:");
        if (!p)
                return -EIO;
        *ppid = (pid_t)atoi(p + 6);
        return 0;
}

/* The creds tid starts with: its thread group leader's, else the nearest known ancestor's,
 * else root's (the container's first process starts as root). The walk ends at the supervisor,
 * whose own ancestors (up to the host's init: four more status files for the first process)
 * are never the container's. */
static void inherit(struct proctable *t, pid_t tid, struct fake_creds *ret, struct fake_proc *inside)
{
        pid_t cur = tid;

        for (int depth = 0; depth < MAX_ANCESTRY; depth++) {
                pid_t tgid, ppid;
                struct fake_proc *known;

                if (read_lineage(cur, &tgid, &ppid, depth == 0 ? inside : NULL) < 0)
                        break;
                cur = tgid != cur ? tgid : ppid;
                if (cur <= 0)
                        break;
                known = find(t, cur);
                if (known) {
                        *ret = known->creds;
                        return;
                }
                if (cur == t->self || cur == 1)
                        break;
        }
        fake_creds_root(ret);
}

struct fake_proc *proctable_get(struct proctable *t, pid_t tid)
{
        struct fake_proc *p = find(t, tid), *slot;
        unsigned long long started;

        if (p)
                return p;
        if (++t->inserted_since_prune >= PRUNE_EVERY) {
                t->inserted_since_prune = 0;
                (void)rebuild(t, t->n_slots, still_running);
        }
        if ((t->used + 1) * 2 > t->n_slots && rebuild(t, t->n_slots * 2, NULL) < 0)
                return NULL;
        started = start_time(tid);
        struct fake_proc new = {.tid = tid, .started = started};
        inherit(t, tid, &new.creds, &new);
        slot = insert_slot(t, tid);
        *slot = new;
        return slot;
}

struct fake_proc *proctable_find_inside(struct proctable *t, pid_t inside_tid)
{
        for (size_t i = 0; i < t->n_slots; i++)
                if (t->slots[i].tid && t->slots[i].inside_tid == inside_tid && still_running(&t->slots[i]))
                        return &t->slots[i];
        return NULL;
}
