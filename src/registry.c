/* The machine registry: JSON files through json-c, written to a temporary name and renamed so
 * a reader never sees half a record; the tree lock is an flock on a file named after the tree's
 * device and inode, held by the supervisor for the container's life. */
#include "registry.h"

#include <dirent.h>
#include <fcntl.h>
#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/json.h"
#include "util/macro.h"
#include "util/strv.h"

static int mkdir_private(const char *path)
{
        if (mkdir(path, 0700) < 0 && errno != EEXIST)
                return -errno;
        return 0;
}

/* $XDG_RUNTIME_DIR when set; otherwise the systemd-logind directory when it is ours, otherwise a
 * private directory in /tmp that must be ours (never follow someone else's). */
static int runtime_base(char *buf, size_t size)
{
        const char *xdg = getenv("XDG_RUNTIME_DIR");
        struct stat st;

        if (xdg && xdg[0] == '/') {
                snprintf(buf, size, "%s/uspawn", xdg);
                return 0;
        }
        snprintf(buf, size, "/run/user/%u", (unsigned)getuid());
        if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid()) {
                snprintf(buf, size, "/run/user/%u/uspawn", (unsigned)getuid());
                return 0;
        }
        snprintf(buf, size, "/tmp/uspawn-%u", (unsigned)getuid());
        if (mkdir(buf, 0700) < 0 && errno != EEXIST)
                return -errno;
        if (lstat(buf, &st) < 0)
                return -errno;
        if (!S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 0077))
                return -EPERM;
        return 0;
}

/* Made (and checked) once per process: a run asks for it at each step of the machine's life. */
int registry_dir(char *buf, size_t size)
{
        static char known[4096 + sizeof "/machines"];
        char top[4096];
        int r;

        if (!known[0]) {
                if ((r = runtime_base(top, sizeof top)) < 0 || (r = mkdir_private(top)) < 0)
                        return r;
                snprintf(known, sizeof known, "%s/machines", top);
                if ((r = mkdir_private(known)) < 0) {
                        known[0] = '\0';
                        return r;
                }
        }
        if ((size_t)snprintf(buf, size, "%s", known) >= size)
                return -ENAMETOOLONG;
        return 0;
}

unsigned long long process_start_time(pid_t pid)
{
        char path[64], buf[1024];
        const char *p;
        unsigned long long start = 0;

        snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
        if (read_small_file(path, buf, sizeof buf) <= 0)
                return 0;
        p = strrchr(buf, ')'); /* the command name may contain anything; fields follow it */
        if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu",
                         &start) != 1)
                return 0;
        return start;
}

static void add_optional_string(json_object *o, const char *key, const char *v)
{
        if (v)
                json_object_object_add(o, key, json_object_new_string(v));
}

static void add_strv(json_object *o, const char *key, char **l)
{
        json_object *a = json_object_new_array();

        for (char **e = l; e && *e; e++)
                json_object_array_add(a, json_object_new_string(*e));
        json_object_object_add(o, key, a);
}

char *registry_to_json(void *ctx, const struct machine_record *m)
{
        json_object *o = json_object_new_object(), *filter = json_object_new_array();
        char *text;

        json_object_object_add(o, "name", json_object_new_string(m->name));
        json_object_object_add(o, "leader", json_object_new_int(m->leader));
        json_object_object_add(o, "supervisor", json_object_new_int(m->supervisor));
        json_object_object_add(o, "supervisor_start", json_object_new_uint64(m->supervisor_start));
        json_object_object_add(o, "root", json_object_new_string(m->root));
        json_object_object_add(o, "backend", json_object_new_string(m->backend));
        json_object_object_add(o, "started_usec", json_object_new_int64(m->started_usec));
        json_object_object_add(o, "boot", json_object_new_boolean(m->boot));
        if (m->init)
                json_object_object_add(o, "init", json_object_new_string(m->init));
        json_object_object_add(o, "kill_signal", json_object_new_int(m->kill_signal));
        json_object_object_add(o, "uuid", json_object_new_string(m->uuid ? m->uuid : ""));
        json_object_object_add(o, "caps_keep", json_object_new_uint64(m->caps_keep));
        json_object_object_add(o, "no_new_privileges", json_object_new_boolean(m->no_new_privileges));
        json_object_object_add(o, "emulate_ids", json_object_new_boolean(m->emulate_ids));
        for (char **e = m->syscall_filter; e && *e; e++)
                json_object_array_add(filter, json_object_new_string(*e));
        json_object_object_add(o, "syscall_filter", filter);
        add_optional_string(o, "network", m->network);
        add_optional_string(o, "network_helper", m->network_helper);
        add_optional_string(o, "interface", m->interface);
        if (m->network) {
                add_strv(o, "addresses", m->addresses);
                add_strv(o, "ports", m->ports);
        }
        text = talloc_strdup(ctx, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY));
        json_object_put(o);
        return text;
}

/* A list of strings; anything else (or absence) leaves *ret NULL. */
static void get_strv(void *ctx, json_object *o, const char *key, char ***ret)
{
        json_object *a = json_member(o, key);

        for (size_t i = 0; a && json_object_is_type(a, json_type_array) && i < json_object_array_length(a); i++) {
                json_object *e = json_object_array_get_idx(a, i);
                if (json_object_is_type(e, json_type_string))
                        strv_append(ctx, ret, json_object_get_string(e));
        }
}

int registry_from_json(void *ctx, const char *text, struct machine_record *ret)
{
        json_object *o = json_tokener_parse(text), *filter;
        struct machine_record m = {0};
        const char *name, *root;

        if (!o || !json_object_is_type(o, json_type_object)) {
                json_object_put(o);
                return -EBADMSG;
        }
        name = json_string_member(o, "name");
        root = json_string_member(o, "root");
        if (!name || !root || !json_member(o, "leader") || !json_member(o, "supervisor")) {
                json_object_put(o);
                return -EBADMSG;
        }
        m.name = talloc_strdup(ctx, name);
        m.root = talloc_strdup(ctx, root);
        m.backend = talloc_strdup(ctx, json_string_member(o, "backend") ? json_string_member(o, "backend") : "userns");
        m.leader = json_object_get_int(json_member(o, "leader"));
        m.supervisor = json_object_get_int(json_member(o, "supervisor"));
        m.supervisor_start =
                json_member(o, "supervisor_start") ? json_object_get_uint64(json_member(o, "supervisor_start")) : 0;
        m.started_usec = json_member(o, "started_usec") ? json_object_get_int64(json_member(o, "started_usec")) : 0;
        m.boot = json_member(o, "boot") && json_object_get_boolean(json_member(o, "boot"));
        m.init = json_string_member(o, "init") ? talloc_strdup(ctx, json_string_member(o, "init")) : NULL;
        m.kill_signal = json_member(o, "kill_signal") ? json_object_get_int(json_member(o, "kill_signal")) : 15;
        m.uuid = talloc_strdup(ctx, json_string_member(o, "uuid") ? json_string_member(o, "uuid") : "");
        m.caps_keep = json_member(o, "caps_keep") ? json_object_get_uint64(json_member(o, "caps_keep")) : 0;
        m.no_new_privileges =
                json_member(o, "no_new_privileges") && json_object_get_boolean(json_member(o, "no_new_privileges"));
        m.emulate_ids = json_member(o, "emulate_ids") && json_object_get_boolean(json_member(o, "emulate_ids"));
        filter = json_member(o, "syscall_filter");
        for (size_t i = 0;
             filter && json_object_is_type(filter, json_type_array) && i < json_object_array_length(filter); i++)
                strv_append(ctx, &m.syscall_filter, json_object_get_string(json_object_array_get_idx(filter, i)));
        m.network = json_string_member(o, "network") ? talloc_strdup(ctx, json_string_member(o, "network")) : NULL;
        m.network_helper = json_string_member(o, "network_helper")
                                   ? talloc_strdup(ctx, json_string_member(o, "network_helper"))
                                   : NULL;
        m.interface =
                json_string_member(o, "interface") ? talloc_strdup(ctx, json_string_member(o, "interface")) : NULL;
        get_strv(ctx, o, "addresses", &m.addresses);
        get_strv(ctx, o, "ports", &m.ports);
        json_object_put(o);
        *ret = m;
        return 0;
}

static bool record_is_live(const struct machine_record *m)
{
        return m->supervisor > 0 && process_start_time(m->supervisor) == m->supervisor_start &&
               m->supervisor_start != 0;
}

static int record_path(const char *name, char *buf, size_t size)
{
        char dir[4096];
        int r = registry_dir(dir, sizeof dir);

        if (r < 0)
                return r;
        return (size_t)snprintf(buf, size, "%s/%s.json", dir, name) >= size ? -ENAMETOOLONG : 0;
}

static int read_record(void *ctx, const char *path, struct machine_record *ret)
{
        char text[16384];
        int n = read_small_file(path, text, sizeof text);

        if (n < 0)
                return n;
        return registry_from_json(ctx, text, ret);
}

int registry_load(void *ctx, const char *name, struct machine_record *ret)
{
        char path[4200];
        int r = record_path(name, path, sizeof path);

        if (r < 0)
                return r;
        r = read_record(ctx, path, ret);
        if (r == -EBADMSG || (r >= 0 && !record_is_live(ret))) {
                unlink(path); /* the machine died without unregistering */
                return -ENOENT;
        }
        return r;
}

int registry_lock_tree(dev_t dev, ino_t ino, bool shared)
{
        char dir[4096], locks[4200], path[4300];
        int r = registry_dir(dir, sizeof dir), fd;

        if (r < 0)
                return r;
        snprintf(locks, sizeof locks, "%s/../locks", dir);
        if ((r = mkdir_private(locks)) < 0)
                return r;
        snprintf(path, sizeof path, "%s/inode-%llu:%llu", locks, (unsigned long long)dev, (unsigned long long)ino);
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
        if (fd < 0)
                return -errno;
        if (flock(fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) < 0) {
                r = errno == EWOULDBLOCK ? -EBUSY : -errno;
                close(fd);
                return r;
        }
        return fd;
}

int registry_register(const struct machine_record *m)
{
        void *ctx = talloc_new(NULL);
        char path[4200], tmp[4300];
        struct machine_record existing;
        int r, fd;

        r = record_path(m->name, path, sizeof path);
        if (r >= 0 && registry_load(ctx, m->name, &existing) == 0)
                r = -EEXIST;
        if (r >= 0) {
                const char *text = registry_to_json(ctx, m);
                snprintf(tmp, sizeof tmp, "%s.tmp.%d", path, (int)getpid());
                fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0600);
                if (fd < 0)
                        r = -errno;
                else {
                        if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
                                r = -EIO;
                        close(fd);
                        if (r >= 0 && rename(tmp, path) < 0)
                                r = -errno;
                        if (r < 0)
                                unlink(tmp);
                }
        }
        talloc_free(ctx);
        return r;
}

void registry_unregister(const char *name)
{
        char path[4200];

        if (record_path(name, path, sizeof path) >= 0)
                unlink(path);
}

static int compare_names(const void *a, const void *b)
{
        return strcmp(((const struct machine_record *)a)->name, ((const struct machine_record *)b)->name);
}

int registry_list(void *ctx, struct machine_record **ret, size_t *ret_n)
{
        char dir[4096];
        struct machine_record *list = NULL;
        size_t n = 0;
        struct dirent *de;
        DIR *d;
        int r = registry_dir(dir, sizeof dir);

        if (r < 0)
                return r;
        d = opendir(dir);
        if (!d)
                return -errno;
        while ((de = readdir(d))) {
                size_t len = strlen(de->d_name);
                char name[256];
                struct machine_record m;

                if (len <= 5 || !streq(de->d_name + len - 5, ".json"))
                        continue;
                snprintf(name, sizeof name, "%.*s", (int)(len - 5), de->d_name);
                if (registry_load(ctx, name, &m) < 0)
                        continue;
                list = talloc_realloc(ctx, list, struct machine_record, n + 1);
                list[n++] = m;
        }
        closedir(d);
        if (n)
                qsort(list, n, sizeof *list, compare_names);
        *ret = list;
        *ret_n = n;
        return 0;
}
