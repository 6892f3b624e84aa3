/* The protected prefixes: USPAWN_COW_PATH (or fl-cow's FLCOW_PATH), minus USPAWN_COW_EXCLUDE
 * (or FLCOW_EXCLUDE), colon-separated, each made canonical once so that the check compares
 * canonical paths with canonical paths. Read lazily at the first hook that needs it (constructors
 * of other libraries may open files before ours would run), exactly once across threads. */
#include "cow.h"

/* The process environment: an unversioned data reference that glibc (every version) and musl
 * define. The program's later setenv() calls are not seen; the prefixes are fixed at start. */
extern char **environ;

static struct cow_config config;
static char storage[16384];
static int state; /* 0 unread, 1 being read, 2 ready */

static const char *env(const char *name)
{
        size_t n = cow_strlen(name);

        for (char **e = environ; e && *e; e++)
                if (cow_strncmp(*e, name, n) == 0 && (*e)[n] == '=')
                        return *e + n + 1;
        return 0;
}

static long env_number(const char *name, long dflt)
{
        const char *v = env(name);
        long n = 0;

        if (!v || !*v)
                return dflt;
        for (; *v; v++) {
                if (*v < '0' || *v > '9' || n > 1000000)
                        return dflt;
                n = n * 10 + (*v - '0');
        }
        return n;
}

/* Append each non-empty element of a colon list, canonical when it exists, without trailing
 * slashes when it does not. */
static void add_list(const char *list, const char **out, unsigned *n, char **pos)
{
        char one[PATH_MAX_], canon[PATH_MAX_];

        while (list && *list) {
                const char *end = list, *use;
                size_t len;

                while (*end && *end != ':')
                        end++;
                len = (size_t)(end - list);
                if (len && len < PATH_MAX_ && list[0] == '/' && *n < 64) {
                        memcpy(one, list, len);
                        one[len] = 0;
                        use = cow_canonical(&config, -100 /* AT_FDCWD */, one, 0, canon) >= 0 ? canon : one;
                        len = cow_strlen(use);
                        while (len > 1 && use[len - 1] == '/')
                                len--;
                        if (*pos + len + 1 <= storage + sizeof storage) {
                                memcpy(*pos, use, len);
                                (*pos)[len] = 0;
                                out[(*n)++] = *pos;
                                *pos += len + 1;
                        }
                }
                list = *end ? end + 1 : end;
        }
}

static void load(void)
{
        char *pos = storage;
        const char *paths = env("USPAWN_COW_PATH"), *excludes = env("USPAWN_COW_EXCLUDE");

        config.debug_fd = (int)env_number("USPAWN_COW_DEBUG_FD", -1);
        config.no_proc = env_number("USPAWN_COW_NO_PROC", 0) == 1;
        config.no_tmpfile = env_number("USPAWN_COW_NO_TMPFILE", 0) == 1;
        config.no_fsync = env_number("USPAWN_COW_NO_FSYNC", 0) == 1;
        add_list(paths ? paths : env("FLCOW_PATH"), config.paths, &config.n_paths, &pos);
        add_list(excludes ? excludes : env("FLCOW_EXCLUDE"), config.excludes, &config.n_excludes, &pos);
}

const struct cow_config *cow_config(void)
{
        int s = __atomic_load_n(&state, __ATOMIC_ACQUIRE);

        if (s != 2) {
                int expected = 0;

                if (__atomic_compare_exchange_n(&state, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
                        load();
                        __atomic_store_n(&state, 2, __ATOMIC_RELEASE);
                } else {
                        /* another thread is reading it, or this thread re-entered through a signal
                         * handler: protect nothing rather than wait for ourselves */
                        for (int i = 0; i < 1000 && __atomic_load_n(&state, __ATOMIC_ACQUIRE) != 2; i++)
                                sc6(__NR_sched_yield, 0, 0, 0, 0, 0, 0);
                        if (__atomic_load_n(&state, __ATOMIC_ACQUIRE) != 2)
                                return 0;
                }
        }
        return config.n_paths ? &config : 0;
}

static int under(const char *path, const char *prefix)
{
        size_t n = cow_strlen(prefix);

        if (n == 1 && prefix[0] == '/')
                return 1;
        return cow_strncmp(path, prefix, n) == 0 && (path[n] == '/' || path[n] == 0);
}

int cow_protected(const struct cow_config *c, const char *canonical)
{
        int in = 0;

        for (unsigned i = 0; i < c->n_paths && !in; i++)
                in = under(canonical, c->paths[i]);
        for (unsigned i = 0; i < c->n_excludes && in; i++)
                in = !under(canonical, c->excludes[i]);
        return in;
}

void cow_debug(const char *what, const char *path, long value)
{
        const struct cow_config *c = cow_config();
        char line[PATH_MAX_ + 128], *p = line;

        if (!c || c->debug_fd < 0)
                return;
        p = cow_stpcpy(p, "uspawn-cow[");
        p = cow_utoa(p, (unsigned long)sc1(__NR_getpid, 0));
        p = cow_stpcpy(p, "]: ");
        p = cow_stpcpy(p, what);
        if (path && cow_strlen(path) < PATH_MAX_) {
                p = cow_stpcpy(p, " ");
                p = cow_stpcpy(p, path);
        }
        if (value < 0) {
                p = cow_stpcpy(p, ": errno ");
                p = cow_utoa(p, (unsigned long)-value);
        } else if (value > 0) {
                p = cow_stpcpy(p, " ");
                p = cow_utoa(p, (unsigned long)value);
        }
        *p++ = '\n';
        sc3(__NR_write, c->debug_fd, line, p - line);
}
