/* Defaults and final checks for the settings value: what nspawn would assume when an option is
 * absent, and the checks that need the file system (does the tree exist). */
#include "settings.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "cli/parse.h"
#include "util/paths.h"
#include "host.h"
#include "util/log.h"

struct settings *settings_new(void *ctx)
{
        struct settings *s = talloc_zero(ctx, struct settings);

        if (!s)
                return NULL;
        s->as_pid2 = true;
        s->console = CONSOLE_AUTO;
        s->private_users = PRIVATE_USERS_PICK;
        s->backend = BACKEND_AUTO;
        s->stop_timeout_sec = 30;
        return s;
}

const char *console_mode_to_string(enum console_mode m)
{
        static const char *const names[] = {
                [CONSOLE_AUTO] = "auto",           [CONSOLE_INTERACTIVE] = "interactive",
                [CONSOLE_READ_ONLY] = "read-only", [CONSOLE_PASSIVE] = "passive",
                [CONSOLE_PIPE] = "pipe",
        };
        return names[m];
}

const char *volatile_mode_to_string(enum volatile_mode m)
{
        static const char *const names[] = {
                [VOLATILE_NO] = "no",
                [VOLATILE_YES] = "yes",
                [VOLATILE_STATE] = "state",
                [VOLATILE_OVERLAY] = "overlay",
        };
        return names[m];
}

/* 16 random hex digits, as nspawn appends to ephemeral machine names and workdirs. */
static char *random_hex16(void *ctx)
{
        uint64_t v = 0;

        if (getrandom(&v, sizeof v, 0) != (ssize_t)sizeof v)
                v = (uint64_t)getpid() * 0x9e3779b97f4a7c15ULL ^ (uint64_t)time(NULL);
        return talloc_asprintf(ctx, "%016llx", (unsigned long long)v);
}

/* A machine name from a directory's last component, with characters a hostname cannot have
 * replaced, as nspawn derives it. */
static char *machine_name_from_path(void *ctx, const char *path)
{
        const char *base = strrchr(path, '/');
        char *name = talloc_strndup(ctx, base ? base + 1 : path, 64);

        for (char *p = name; *p; p++)
                if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", *p))
                        *p = '-';
        if (!machine_name_is_valid(name))
                name = talloc_strdup(ctx, "container");
        return name;
}

static int find_root(struct settings *s)
{
        char resolved[PATH_MAX];
        struct stat st;

        if (!s->directory && s->machine) {
                char *dir = machines_directory(s);
                if (!dir)
                        return log_error_errno(-EINVAL,
                                               "No -D given and neither $XDG_DATA_HOME nor $HOME is set to find "
                                               "machine '%s'; use -D PATH",
                                               s->machine);
                s->directory = talloc_asprintf(s, "%s/%s", dir, s->machine);
                if (access(s->directory, F_OK) < 0)
                        return log_error_errno(-errno, "Machine '%s' not found in %s; use -D PATH or import it there",
                                               s->machine, dir);
        }
        if (!s->directory)
                s->directory = talloc_strdup(s, "."); /* nspawn's default: the current directory */
        if (stat(s->directory, &st) < 0)
                return log_error_errno(-errno, "Directory %s does not exist: %m", s->directory);
        if (!S_ISDIR(st.st_mode))
                return log_error_errno(-ENOTDIR, "%s is not a directory; -D takes the root of a file system tree",
                                       s->directory);
        if (!realpath(s->directory, resolved))
                return log_error_errno(-errno, "Cannot resolve %s: %m", s->directory);
        if (streq(resolved, "/"))
                return log_error_errno(
                        -EINVAL,
                        "Refusing to use the host's root directory as the container's root; -D takes another tree");
        s->root = talloc_strdup(s, resolved);
        return 0;
}

static int find_init(struct settings *s)
{
        int r = boot_find_init(s, s->root, &s->init);

        if (r == -ENOENT)
                return log_error_errno(r,
                                       "No init found in %s (looked for /usr/lib/systemd/systemd, /lib/systemd/systemd "
                                       "and /sbin/init); run a command instead of --boot",
                                       s->directory);
        if (r < 0)
                return log_error_errno(r, "Failed to look for an init in %s: %m", s->directory);
        if (!s->kill_signal) {
                s->kill_signal = init_kill_signal(s->init.kind);
                s->halt_via_initctl = s->init.kind == INIT_SYSVINIT;
        }
        s->as_pid2 = false; /* the init is PID 1 itself */
        return 0;
}

int settings_resolve_tree(struct settings *s)
{
        int r = find_root(s);

        if (r < 0)
                return r;
        if (!s->machine) {
                s->machine = machine_name_from_path(s, s->root);
                s->machine_auto = true;
        }
        return 0;
}

/* -n: pasta, else slirp4netns; USPAWN_NETWORK_HELPER=pasta|slirp4netns forces one (tests run the
 * fallback that way). One line says when the second choice is used, and how to get the first. */
static int choose_network_helper(struct settings *s)
{
        const char *forced = getenv("USPAWN_NETWORK_HELPER");
        char path[PATH_MAX];
        bool pasta = host_find_program("pasta", path, sizeof path) >= 0;
        bool slirp = host_find_program("slirp4netns", path, sizeof path) >= 0;

        if (forced && !streq(forced, "pasta") && !streq(forced, "slirp4netns"))
                return log_error_errno(-EINVAL, "Invalid USPAWN_NETWORK_HELPER=%s: expected pasta or slirp4netns", forced);
        if (forced ? streq(forced, "pasta") : pasta) {
                if (!pasta)
                        return log_error_errno(-ENOENT, "USPAWN_NETWORK_HELPER=pasta, but pasta is not installed (apt-get install passt)");
                s->network_helper = NETWORK_HELPER_PASTA;
                return 0;
        }
        if (!slirp)
                return log_error_errno(-ENOENT, forced ? "USPAWN_NETWORK_HELPER=slirp4netns, but slirp4netns is not installed (apt-get install slirp4netns)"
                                                       : "-n/--network-veth needs pasta or slirp4netns, and neither is installed: apt-get install passt");
        s->network_helper = NETWORK_HELPER_SLIRP4NETNS;
        log_notice("Connecting the container's network through slirp4netns (%s); apt-get install passt for pasta: faster, and ports on IPv6 too.",
                   forced ? "USPAWN_NETWORK_HELPER=slirp4netns" : "pasta is not installed");
        return 0;
}

static int check_network(struct settings *s)
{
        if (s->n_ports && !s->network_veth)
                return log_error_errno(-EINVAL, "-p/--port publishes a port of the container's own network: add -n/--network-veth");
        if (!s->network_veth)
                return 0;
        s->private_network = true;
        return choose_network_helper(s);
}

static int choose_overlay_driver(struct settings *s)
{
        const char *forced = getenv("USPAWN_OVERLAY");

        if (!forced || !*forced)
                s->overlay_driver = OVERLAY_DRIVER_AUTO;
        else if (streq(forced, "kernel"))
                s->overlay_driver = OVERLAY_DRIVER_KERNEL;
        else if (streq(forced, "fuse"))
                s->overlay_driver = OVERLAY_DRIVER_FUSE;
        else
                return log_error_errno(-EINVAL, "Invalid USPAWN_OVERLAY=%s: expected kernel or fuse", forced);
        return 0;
}

/* -x: a name of its own (nspawn's NAME-<16 hex>, only when the name came from the tree, so
 * that NAME.nspawn was found), and with --ephemeral-dir the scratch directory's name. */
static int check_ephemeral(struct settings *s)
{
        char resolved[PATH_MAX];
        struct stat st;

        if (s->ephemeral && s->volatile_mode != VOLATILE_NO)
                return log_error_errno(-EINVAL, "--ephemeral and --volatile=%s both replace the root; choose one",
                                       volatile_mode_to_string(s->volatile_mode));
        if (!s->ephemeral)
                return 0;
        if (s->machine_auto)
                s->machine = talloc_asprintf(s, "%.47s-%s", s->machine, random_hex16(s));
        if (!s->ephemeral_dir)
                return 0;
        if (stat(s->ephemeral_dir, &st) < 0 || !realpath(s->ephemeral_dir, resolved))
                return log_error_errno(-errno, "Cannot use --ephemeral-dir=%s: %m", s->ephemeral_dir);
        if (!S_ISDIR(st.st_mode))
                return log_error_errno(-ENOTDIR, "--ephemeral-dir=%s is not a directory", s->ephemeral_dir);
        s->scratch = talloc_asprintf(s, "%s/.#uspawn-%s-%s", streq(resolved, "/") ? "" : resolved, s->machine,
                                     random_hex16(s));
        return 0;
}

/* nspawn's workdir beside each writable upper: ".#" UPPER-NAME <16 hex>. */
static void name_workdirs(struct settings *s)
{
        for (unsigned i = 0; i < s->n_overlays; i++) {
                struct overlay_spec *o = &s->overlays[i];
                const char *base;
                size_t len;

                if (!o->upper.path || o->read_only)
                        continue;
                len = strlen(o->upper.path);
                while (len > 1 && o->upper.path[len - 1] == '/')
                        len--;
                base = memrchr(o->upper.path, '/', len) + 1;
                o->work = talloc_asprintf(s, ".#%.*s%s", (int)(o->upper.path + len - base), base, random_hex16(s));
        }
}

int settings_finalize(struct settings *s)
{
        int r;
        if ((r = check_network(s)) < 0)
                return r;
        if (s->restart_on_reboot && !s->boot)
                return log_error_errno(-EINVAL, "--restart-on-reboot restarts a booted system: add -b/--boot");
        if ((r = choose_overlay_driver(s)) < 0 || (r = check_ephemeral(s)) < 0)
                return r;
        name_workdirs(s);

        if (!s->hostname)
                s->hostname = talloc_strdup(s, s->machine);
        if (s->boot) {
                r = find_init(s);
                if (r < 0)
                        return r;
        } else if (!s->kill_signal)
                s->kill_signal = SIGTERM; /* the stub init passes it on to the command */
        /* nspawn: interactive on a terminal; otherwise a booted system's console output is still
         * shown (read-only), while a command's stdio is simply passed through (pipe) */
        if (s->console == CONSOLE_AUTO)
                s->console = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) ? CONSOLE_INTERACTIVE
                             : s->boot                                     ? CONSOLE_READ_ONLY
                                                                           : CONSOLE_PIPE;
        return 0;
}
